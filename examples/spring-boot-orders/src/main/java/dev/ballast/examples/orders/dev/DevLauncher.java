package dev.ballast.examples.orders.dev;

import dev.ballast.examples.orders.OrdersApplication;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the Orders service locally for development: starts two HTTP instances of the {@code
 * inventory} service and a PostgreSQL primary with two streaming replicas on {@code 127.0.0.1}
 * (from Ballast's testkit), fills their addresses into the placeholders of {@code application.yml},
 * starts the service on a free port, plays a short {@link Tour} of requests that shows where each
 * one ran, and stops everything. Exits 0 when every step showed what it should, 1 otherwise.
 *
 * <p>Options: {@code --keep-running} keeps the service and its databases up after the tour until
 * Ctrl-C; any other argument goes to Spring ({@code --server.port=8080}).
 *
 * <pre>
 * mvn -B -ntp -q package -Dmaven.test.skip=true -pl examples/spring-boot-orders -am
 * java -jar examples/spring-boot-orders/target/ballast-spring-boot-orders.jar
 * </pre>
 */
public final class DevLauncher {
  private static final String KEEP_RUNNING = "--keep-running";

  private DevLauncher() {}

  /** Runs the example and exits with {@link #run}'s status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /**
   * Runs the example, printing to {@code out}.
   *
   * @return 0 when the tour showed what it should, 1 when a step did not or something failed
   */
  public static int run(String[] args, PrintStream out) {
    boolean keepRunning = false;
    List<String> springArgs = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(KEEP_RUNNING)) {
        keepRunning = true;
      } else {
        springArgs.add(arg);
      }
    }
    out.println("Ballast Spring Boot example: the Orders service, configured by application.yml");
    HttpInstanceFarm inventory = null;
    PostgresCluster cluster = null;
    ConfigurableApplicationContext app = null;
    try {
      long t = System.nanoTime();
      inventory = HttpInstanceFarm.builder().name("inventory").instances(2).build();
      out.println("  inventory service: 2 HTTP instances" + took(t));
      t = System.nanoTime();
      cluster = PostgresCluster.builder().replicas(2).start();
      out.println("  orders-db: a PostgreSQL primary and replicas r1, r2" + took(t));
      t = System.nanoTime();
      app =
          new SpringApplicationBuilder(OrdersApplication.class)
              .properties(placeholders(inventory, cluster))
              .run(springArgs.toArray(String[]::new));
      int port =
          Objects.requireNonNull(((WebServerApplicationContext) app).getWebServer(), "web server")
              .getPort();
      String base = "http://127.0.0.1:" + port;
      out.println("  Orders service on " + base + took(t));
      out.println();

      boolean ok = new Tour(base, cluster, names(cluster), out).play();
      if (keepRunning) {
        out.println();
        out.println("Running on " + base + " until Ctrl-C.");
        waitForCtrlC(app, cluster, inventory);
      }
      return ok ? 0 : 1;
    } catch (RuntimeException e) {
      out.println("FAILED: " + e);
      return 1;
    } finally {
      close(app, cluster, inventory);
    }
  }

  /** What a deployment would set in its environment; here, the local instances' addresses. */
  private static Map<String, Object> placeholders(HttpInstanceFarm inventory, PostgresCluster pg) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("INVENTORY_ENDPOINTS", inventory.endpointSpecs());
    p.put("ORDERS_DB_USER", pg.primary().user());
    p.put("ORDERS_DB_PRIMARY_URL", pg.primary().jdbcUrl());
    p.put("ORDERS_DB_R1_URL", pg.node("r1").jdbcUrl());
    p.put("ORDERS_DB_R2_URL", pg.node("r2").jdbcUrl());
    p.put("server.port", "0");
    return p;
  }

  private static Map<Integer, String> names(PostgresCluster cluster) {
    Map<Integer, String> names = new LinkedHashMap<>();
    names.put(cluster.primary().port(), "the primary");
    for (PgNode r : cluster.replicas()) {
      names.put(r.port(), "replica " + r.name());
    }
    return names;
  }

  private static void waitForCtrlC(AutoCloseable... resources) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  close(resources);
                  stopped.countDown();
                },
                "orders-example-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void close(@Nullable AutoCloseable... resources) {
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        // the next resource must still be closed; nothing else can be done here
      }
    }
  }

  private static String took(long startNanos) {
    return String.format(
        Locale.ROOT, " (started in %.1f s)", (System.nanoTime() - startNanos) / 1e9);
  }
}
