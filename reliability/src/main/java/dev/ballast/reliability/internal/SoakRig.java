package dev.ballast.reliability.internal;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.LbConfig;
import dev.ballast.reliability.SoakMargins;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Everything a chaos soak runs against, started in one call and closed in one: six HTTP instances
 * in zones a, a, b, b, c, c; a PostgreSQL primary with replicas r1 (zone a) and r2 (zone b); a
 * {@link BallastHttpClient} in zone a with active health checks, outlier ejection and slow start;
 * and a {@link RoutingDataSource} in zone a with {@code topology=auto} and {@code
 * read-your-writes=lsn}. All on {@code 127.0.0.1}.
 *
 * <p>The settings are the scenarios' own, written out here so the report can quote them: {@link
 * #settings()}.
 */
public final class SoakRig implements AutoCloseable {
  /** The logical HTTP service the client calls. */
  public static final String SERVICE = "soak";

  /** The table the JDBC traffic writes. */
  public static final String TABLE = "soak_writes";

  /** The instances' normal latency range. */
  public static final Duration BASE_MIN = Duration.ofMillis(1);

  /** See {@link #BASE_MIN}. */
  public static final Duration BASE_MAX = Duration.ofMillis(3);

  private final HttpInstanceFarm farm;
  private final PostgresCluster cluster;
  private final BallastHttpClient client;
  private final RoutingDataSource dataSource;
  private final HttpServiceConfig httpConfig;
  private final Properties jdbcProperties;

  private SoakRig(
      HttpInstanceFarm farm,
      PostgresCluster cluster,
      BallastHttpClient client,
      RoutingDataSource dataSource,
      HttpServiceConfig httpConfig,
      Properties jdbcProperties) {
    this.farm = farm;
    this.cluster = cluster;
    this.client = client;
    this.dataSource = dataSource;
    this.httpConfig = httpConfig;
    this.jdbcProperties = jdbcProperties;
  }

  /**
   * Starts everything with the timeouts of {@code margins} and creates the table; on failure, stops
   * what had started.
   *
   * @throws SQLException if the table cannot be created
   */
  public static SoakRig start(SoakMargins margins) throws SQLException {
    HttpInstanceFarm farm = null;
    PostgresCluster cluster = null;
    BallastHttpClient client = null;
    RoutingDataSource ds = null;
    try {
      farm =
          HttpInstanceFarm.builder()
              .name("soak")
              .instances(6)
              .zones("a", "a", "b", "b", "c", "c")
              .requestLogCapacity(1_000)
              .build();
      for (HttpInstance i : farm.instances()) {
        i.latency(BASE_MIN, BASE_MAX);
      }
      cluster = PostgresCluster.builder().replicas(2).zones("a", "a", "b").start();
      HttpServiceConfig config = httpConfig(farm.healthPath(), margins);
      client =
          BallastHttpClient.builder()
              .zone("a")
              .service(SERVICE, EndpointSource.of(FarmEndpoints.of(farm.instances())), config)
              .build();
      Properties props = jdbcProperties(cluster, margins);
      ds = RoutingDataSource.fromProperties(props);
      JdbcTraffic.createTable(ds, TABLE);
      cluster.waitForReplication();
      return new SoakRig(farm, cluster, client, ds, config, props);
    } catch (RuntimeException | SQLException | Error e) {
      closeAll(client, ds, farm, cluster);
      throw e;
    }
  }

  private static HttpServiceConfig httpConfig(String healthPath, SoakMargins margins) {
    return HttpServiceConfig.builder()
        .healthCheckPath(healthPath)
        .connectTimeout(margins.connectTimeout())
        // Generous for a healthy instance, short enough to leave a hang (1-3 s) soon.
        .requestTimeout(margins.requestTimeout())
        .retryBackoff(Duration.ofMillis(10))
        .lb(
            LbConfig.builder()
                .localZone("a")
                .slowStartWindow(Duration.ofSeconds(1))
                .healthCheckInterval(Duration.ofMillis(200))
                .healthCheckTimeout(margins.healthCheckTimeout())
                .outlierBaseEjectionTime(Duration.ofSeconds(1))
                .outlierMaxEjectionTime(Duration.ofSeconds(5))
                .build())
        .build();
  }

  private static Properties jdbcProperties(PostgresCluster cluster, SoakMargins margins) {
    Properties p = new Properties();
    p.setProperty("ballast.zone", "a");
    p.setProperty("ballast.jdbc.name", "soak-db");
    p.setProperty("ballast.jdbc.username", cluster.primary().user());
    p.setProperty("ballast.jdbc.primary.url", cluster.primary().jdbcUrl());
    setIfPresent(p, "ballast.jdbc.primary.zone", cluster.primary().zone());
    for (PgNode r : cluster.replicas()) {
      p.setProperty("ballast.jdbc.replicas." + r.name() + ".url", r.jdbcUrl());
      setIfPresent(p, "ballast.jdbc.replicas." + r.name() + ".zone", r.zone());
    }
    p.setProperty("ballast.jdbc.topology", "auto");
    p.setProperty("ballast.jdbc.read-your-writes", "lsn");
    p.setProperty("ballast.jdbc.health-check.interval", "200ms");
    p.setProperty("ballast.jdbc.hikari.maximumPoolSize", "8");
    p.setProperty("ballast.jdbc.hikari.minimumIdle", "1");
    p.setProperty(
        "ballast.jdbc.hikari.connectionTimeout",
        String.valueOf(margins.jdbcConnectionTimeout().toMillis()));
    return p;
  }

  /** The HTTP farm. */
  public HttpInstanceFarm farm() {
    return farm;
  }

  /** The PostgreSQL cluster. */
  public PostgresCluster cluster() {
    return cluster;
  }

  /** The HTTP client. */
  public BallastHttpClient client() {
    return client;
  }

  /** The JDBC router. */
  public RoutingDataSource dataSource() {
    return dataSource;
  }

  /** The instance ids, in farm order. */
  public List<String> instanceIds() {
    List<String> ids = new ArrayList<>();
    farm.instances().forEach(i -> ids.add(i.id()));
    return ids;
  }

  /** The replica names, in order. */
  public List<String> replicaNames() {
    List<String> names = new ArrayList<>();
    cluster.replicas().forEach(r -> names.add(r.name()));
    return names;
  }

  /** The node listening on {@code port}, or {@code ?<port>}. */
  public String nodeOfPort(int port) {
    for (PgNode n : cluster.nodes()) {
      if (n.port() == port) {
        return n.name();
      }
    }
    return "?" + port;
  }

  /** The client's and the router's settings, for the report. */
  public List<String> settings() {
    List<String> out = new ArrayList<>();
    out.add("HTTP service '" + SERVICE + "': " + httpConfig);
    List<String> keys = new ArrayList<>(jdbcProperties.stringPropertyNames());
    keys.sort(null);
    for (String k : keys) {
      if (k.contains("url")) {
        continue; // ephemeral ports say nothing
      }
      out.add(k + "=" + jdbcProperties.getProperty(k));
    }
    return out;
  }

  /** Closes the client, the router, the farm and the cluster, in that order. */
  @Override
  public void close() {
    closeAll(client, dataSource, farm, cluster);
  }

  private static void closeAll(
      @Nullable BallastHttpClient client,
      @Nullable RoutingDataSource ds,
      @Nullable HttpInstanceFarm farm,
      @Nullable PostgresCluster cluster) {
    RuntimeException first = null;
    for (AutoCloseable c : new AutoCloseable[] {client, ds, farm, cluster}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("closing " + c + " failed", e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Zones are optional, but an empty value is a configuration error. */
  private static void setIfPresent(Properties p, String key, String value) {
    if (!value.isEmpty()) {
      p.setProperty(key, value);
    }
  }
}
