package dev.ballast.testkit;

import dev.ballast.testkit.internal.pg.InitdbTemplate;

/**
 * Run in a child JVM by {@link PostgresClusterCleanupTest}: starts a cluster, prints its directory,
 * and never closes it. With argument {@code exit} it exits at once (the shutdown hook must clean
 * up); with {@code hang} it waits to be killed (the next cluster start must sweep).
 */
public final class PgAbandonedClusterMain {

  private PgAbandonedClusterMain() {}

  public static void main(String[] args) throws InterruptedException {
    PostgresCluster cluster = PostgresCluster.builder().replicas(1).start();
    System.out.println("TEMPLATE " + InitdbTemplate.location().orElseThrow().getParent());
    System.out.println("ROOT " + cluster.directory());
    System.out.flush();
    if (args.length > 0 && args[0].equals("hang")) {
      Thread.sleep(120_000);
    }
    System.exit(0);
  }
}
