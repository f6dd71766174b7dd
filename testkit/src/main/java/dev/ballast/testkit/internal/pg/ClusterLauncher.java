package dev.ballast.testkit.internal.pg;

import dev.ballast.testkit.PgClusterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a cluster up (directory, primary, database, replicas side by side) and down again. Every
 * server is registered with {@link ServerReaper} before it starts, so a failure or a JVM exit at
 * any point leaves no process behind.
 */
public final class ClusterLauncher {

  /** Prefix of every cluster directory; the orphan sweep looks for it. */
  public static final String ROOT_PREFIX = "ballast-pg-";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterLauncher.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private ClusterLauncher() {}

  /** A started cluster's parts, nodes in the order primary, r1, r2, …. */
  public record Launched(
      Path root,
      List<ManagedPgNode> nodes,
      List<PgServer> servers,
      ServerReaper.Registration registration) {}

  /**
   * Starts a cluster under {@code parent}.
   *
   * @param names node names, primary first
   * @param zones one zone label per name
   * @param databaseName a plain identifier (validated by the caller), created unless {@code
   *     postgres}
   * @param extraDatabases more plain identifiers, created beside it
   * @param extraSettings server settings added to (and overriding) the built-in ones
   * @throws PgClusterException if anything fails; everything started so far is gone by then
   */
  public static Launched launch(
      List<String> names,
      List<String> zones,
      String databaseName,
      List<String> extraDatabases,
      Map<String, String> extraSettings,
      Duration startupTimeout,
      Path parent) {
    Map<String, String> settings = serverSettings(parent, extraSettings);
    ServerReaper.sweepOrphans(parent, ROOT_PREFIX);
    Path root;
    try {
      root = Files.createTempDirectory(parent, ROOT_PREFIX);
      ServerReaper.claim(root);
      Files.createDirectory(root.resolve("logs"));
    } catch (IOException e) {
      throw new PgClusterException("could not create a cluster directory in " + parent, e);
    }

    // copy-on-write: the shutdown hook may read it while servers are still being added
    List<PgServer> servers = new CopyOnWriteArrayList<>();
    for (String name : names) {
      servers.add(
          new PgServer(
              name,
              root.resolve(name),
              root.resolve("logs").resolve(name + ".log"),
              settings,
              startupTimeout));
    }
    ServerReaper.Registration registration = ServerReaper.register(() -> killAll(servers, root));
    List<ManagedPgNode> nodes = new ArrayList<>();
    try {
      long startNanos = System.nanoTime();
      PgServer primary = servers.get(0);
      InitdbTemplate.copyTo(primary.dataDirectory(), parent, startupTimeout);
      primary.start();
      createDatabase(primary, databaseName);
      for (String extra : extraDatabases) {
        createDatabase(primary, extra);
      }
      long primaryNanos = System.nanoTime();
      startReplicas(primary, servers.subList(1, servers.size()));
      long replicasNanos = System.nanoTime();
      LOG.info(
          "PostgreSQL cluster up in {} ms (primary {} ms, {} replicas {} ms) under {}",
          TimeUnit.NANOSECONDS.toMillis(replicasNanos - startNanos),
          TimeUnit.NANOSECONDS.toMillis(primaryNanos - startNanos),
          servers.size() - 1,
          TimeUnit.NANOSECONDS.toMillis(replicasNanos - primaryNanos),
          root);
      for (int i = 0; i < servers.size(); i++) {
        nodes.add(new ManagedPgNode(servers.get(i), zones.get(i), databaseName, extraDatabases));
      }
    } catch (IOException | SQLException | RuntimeException e) {
      stopAll(servers);
      killAll(servers, root);
      registration.close();
      if (e instanceof PgClusterException clusterFailure) {
        throw clusterFailure;
      }
      throw new PgClusterException("could not start the cluster in " + root + ": " + e, e);
    }
    return new Launched(root, List.copyOf(nodes), List.copyOf(servers), registration);
  }

  /**
   * The directory clusters go under unless the user chose one: the system property if set, else
   * {@code /dev/shm} when writable, else {@code java.io.tmpdir}.
   */
  public static Path defaultParent(String systemProperty) {
    String configured = System.getProperty(systemProperty);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    // a RAM disk: initdb, backups and deletion are many times faster than on a disk (measured
    // 6.8 s vs 1.2 s for a primary on an ext4 disk mounted with discard)
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return shm;
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Stops a cluster's servers and deletes its directory. */
  public static void shutDown(Launched cluster) throws IOException {
    cluster.nodes().forEach(ManagedPgNode::closeControlConnection);
    stopAll(cluster.servers());
    DataDirectories.deleteRecursively(cluster.root());
  }

  /** pg_ctl stop waits in 100 ms steps, so servers stop side by side rather than one by one. */
  private static void stopAll(List<PgServer> servers) {
    List<Thread> stoppers = new ArrayList<>();
    for (PgServer server : servers) {
      Thread stopper =
          new Thread(() -> server.stop(STOP_GRACE), "ballast-pg-stop-" + server.name());
      stopper.start();
      stoppers.add(stopper);
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        servers.forEach(PgServer::kill);
        return;
      }
    }
  }

  private static void killAll(List<PgServer> servers, Path root) {
    servers.forEach(PgServer::kill);
    try {
      DataDirectories.deleteRecursively(root);
    } catch (IOException | RuntimeException e) {
      // JVM exit: nothing left to report to
    }
  }

  /**
   * Copies and starts the replicas side by side: most of a replica's start is waiting (for the
   * backup checkpoint, for pg_ctl, for recovery to reach consistency), which overlaps well.
   */
  private static void startReplicas(PgServer primary, List<PgServer> replicas) {
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (PgServer replica : replicas) {
      starts.add(
          CompletableFuture.runAsync(
              () -> createAndStartReplica(primary, replica),
              runnable -> new Thread(runnable, "ballast-pg-start-" + replica.name()).start()));
    }
    @Nullable PgClusterException failure = null;
    for (CompletableFuture<Void> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        PgClusterException wrapped =
            cause instanceof PgClusterException clusterFailure
                ? clusterFailure
                : new PgClusterException("could not create a replica: " + cause, cause);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void createAndStartReplica(PgServer primary, PgServer replica) {
    try {
      BaseBackup.createReplica(
          NodeDataSources.create(primary.port(), "postgres"),
          primary.dataDirectory(),
          primary.port(),
          replica.name(),
          replica.dataDirectory());
    } catch (IOException | SQLException e) {
      throw new PgClusterException(
          replica.name() + ": could not copy a base backup of the primary: " + e, e);
    }
    replica.start();
  }

  private static void createDatabase(PgServer primary, String databaseName) throws SQLException {
    if (databaseName.equals("postgres")) {
      return;
    }
    try (Connection c = NodeDataSources.create(primary.port(), "postgres").getConnection();
        Statement s = c.createStatement()) {
      // the caller checked the name is a plain identifier, so it needs no quoting
      s.execute("CREATE DATABASE " + databaseName);
    }
  }

  private static Map<String, String> serverSettings(Path parent, Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>();
    if (parent.startsWith("/dev/shm")) {
      // segments as files in the data directory, which is in RAM anyway: a killed server then
      // leaves nothing behind in /dev/shm once the cluster directory is deleted
      all.put("dynamic_shared_memory_type", "mmap");
    }
    all.put("listen_addresses", "127.0.0.1");
    // zonky defaults to off, which makes replicas trail commits by ~200 ms
    all.put("synchronous_commit", "on");
    all.put("wal_level", "replica");
    all.put("max_wal_senders", "10");
    all.put("max_replication_slots", "10");
    all.put("hot_standby", "on");
    // the default 5 s would leave a replica behind for seconds after its primary restarts
    all.put("wal_retrieve_retry_interval", "200ms");
    all.put("shared_buffers", "32MB");
    all.putAll(extra);
    return all;
  }
}
