package dev.ballast.testkit;

/**
 * Run in a child JVM by {@link MariaDbClusterCleanupTest}: starts a primary-only cluster under the
 * directory given as first argument, prints its directory, and never closes it. With second
 * argument {@code exit} it exits at once (the shutdown hook must clean up); with {@code hang} it
 * waits to be killed (the orphan sweep must clean up).
 */
public final class MariaDbAbandonedClusterMain {

  private MariaDbAbandonedClusterMain() {}

  public static void main(String[] args) throws InterruptedException {
    MariaDbCluster cluster =
        MariaDbCluster.builder().directory(java.nio.file.Path.of(args[0])).start();
    System.out.println("ROOT " + cluster.directory());
    System.out.flush();
    if (args[1].equals("hang")) {
      Thread.sleep(120_000);
    }
    System.exit(0);
  }
}
