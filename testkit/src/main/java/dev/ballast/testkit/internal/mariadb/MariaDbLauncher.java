package dev.ballast.testkit.internal.mariadb;

import dev.ballast.testkit.MariaDbClusterException;
import dev.ballast.testkit.internal.pg.DataDirectories;
import dev.ballast.testkit.internal.pg.ServerReaper;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a MariaDB cluster up and down: one {@code mariadb-install-db} whose result is copied to
 * every node, all servers started side by side, then the application user, the databases and GTID
 * replication set up. Every server is registered with {@link ServerReaper} before it starts, so a
 * failure or a JVM exit at any point leaves no process behind; the next launch sweeps the servers
 * of JVMs that were killed.
 */
public final class MariaDbLauncher {

  /** Prefix of every cluster directory; the orphan sweep looks for it. */
  public static final String ROOT_PREFIX = "ballast-mdb-";

  /**
   * Server options that keep a node small and quick to start: InnoDB's defaults (128 MB buffer
   * pool, 96 MB redo log) would put over 140 MB per node into {@code /dev/shm}.
   */
  static final List<String> SMALL_FOOTPRINT =
      List.of("--innodb-buffer-pool-size=32M", "--innodb-log-file-size=8M");

  private static final Logger LOG = LoggerFactory.getLogger(MariaDbLauncher.class);

  private MariaDbLauncher() {}

  /** A started cluster's parts, nodes in the order primary, r1, r2, …. */
  public record Launched(
      Path root,
      List<ManagedMariaDbNode> nodes,
      List<MariaDbServer> servers,
      ServerReaper.Registration registration) {}

  /**
   * Starts a cluster under {@code parent}.
   *
   * @param names node names, primary first
   * @param zones one zone label per name
   * @param databases plain identifiers (validated by the caller), the main database first
   * @throws MariaDbClusterException if anything fails; everything started so far is gone by then
   */
  public static Launched launch(
      List<String> names,
      List<String> zones,
      List<String> databases,
      Duration startupTimeout,
      Path parent) {
    ServerReaper.sweepOrphans(parent, ROOT_PREFIX, MariaDbProcesses::killUnder);
    Path base = MariaDbBinaries.baseDirectory();
    Path root;
    try {
      root = Files.createTempDirectory(parent, ROOT_PREFIX);
      ServerReaper.claim(root);
      Files.createDirectory(root.resolve("logs"));
    } catch (IOException e) {
      throw new MariaDbClusterException("could not create a cluster directory in " + parent, e);
    }
    // copy-on-write: the shutdown hook may read it while servers are still being added
    List<MariaDbServer> servers = new CopyOnWriteArrayList<>();
    ServerReaper.Registration registration = ServerReaper.register(() -> killAll(servers, root));
    try {
      long startNanos = System.nanoTime();
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        servers.add(
            new MariaDbServer(
                name,
                i + 1,
                base,
                root.resolve(name),
                root.resolve("logs").resolve(name + ".log"),
                startupTimeout));
      }
      Path template = root.resolve("template");
      InstallDb.run(base, template, root.resolve("logs").resolve("install-db.log"), startupTimeout);
      for (MariaDbServer server : servers) {
        copy(template, server.dataDirectory());
      }
      DataDirectories.deleteRecursively(template);
      long installedNanos = System.nanoTime();
      MariaDbServer primaryServer = servers.get(0);
      eachSideBySide(servers, server -> server.start(server != primaryServer));
      long startedNanos = System.nanoTime();
      List<ManagedMariaDbNode> nodes = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        nodes.add(
            new ManagedMariaDbNode(
                servers.get(i), zones.get(i), databases, i == 0 ? 0 : primaryServer.port()));
      }
      prepareSchema(nodes.get(0), databases);
      for (ManagedMariaDbNode replica : nodes.subList(1, nodes.size())) {
        replica.replicateFrom(primaryServer.port(), false);
      }
      ReplicationWait.await(nodes.get(0), nodes.subList(1, nodes.size()), startupTimeout);
      long readyNanos = System.nanoTime();
      LOG.info(
          "MariaDB cluster of {} up in {} ms (install-db {} ms, servers {} ms, replication {} ms)"
              + " under {}",
          names.size(),
          TimeUnit.NANOSECONDS.toMillis(readyNanos - startNanos),
          TimeUnit.NANOSECONDS.toMillis(installedNanos - startNanos),
          TimeUnit.NANOSECONDS.toMillis(startedNanos - installedNanos),
          TimeUnit.NANOSECONDS.toMillis(readyNanos - startedNanos),
          root);
      return new Launched(root, List.copyOf(nodes), List.copyOf(servers), registration);
    } catch (IOException | RuntimeException e) {
      killAll(servers, root);
      registration.close();
      if (e instanceof MariaDbClusterException clusterFailure) {
        throw clusterFailure;
      }
      throw new MariaDbClusterException("could not start the cluster in " + root + ": " + e, e);
    }
  }

  /** Stops a cluster's servers side by side and deletes its directory. */
  public static void shutDown(Launched cluster) throws IOException {
    try {
      eachSideBySide(cluster.servers(), MariaDbServer::stop);
    } finally {
      cluster.servers().forEach(MariaDbServer::kill);
      MariaDbProcesses.killUnder(cluster.root());
      DataDirectories.deleteRecursively(cluster.root());
    }
  }

  /**
   * The application user may do everything except write while {@code read_only=1}; both it and the
   * databases reach the replicas through the binary log, which they replay from the start.
   */
  private static void prepareSchema(ManagedMariaDbNode primary, List<String> databases) {
    primary.root().execute("CREATE USER '" + ManagedMariaDbNode.APP_USER + "'@'%'");
    primary
        .root()
        .execute("GRANT ALL PRIVILEGES ON *.* TO '" + ManagedMariaDbNode.APP_USER + "'@'%'");
    primary
        .root()
        .execute("REVOKE READ_ONLY ADMIN ON *.* FROM '" + ManagedMariaDbNode.APP_USER + "'@'%'");
    for (String database : databases) {
      // the caller checked the names are plain identifiers, so they need no quoting
      primary.root().execute("CREATE DATABASE " + database);
    }
  }

  private static void killAll(List<MariaDbServer> servers, Path root) {
    servers.forEach(MariaDbServer::kill);
    MariaDbProcesses.killUnder(root);
    try {
      DataDirectories.deleteRecursively(root);
    } catch (IOException | RuntimeException e) {
      // JVM exit or a failed start: the next launch's orphan sweep retries
    }
  }

  /** Most of a start is waiting for one core or another; side by side overlaps it. */
  static void eachSideBySide(List<MariaDbServer> servers, Consumer<MariaDbServer> action) {
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (MariaDbServer server : servers) {
      runs.add(
          CompletableFuture.runAsync(
              () -> action.accept(server),
              runnable -> new Thread(runnable, "ballast-mariadb-" + server.name()).start()));
    }
    @Nullable MariaDbClusterException failure = null;
    for (CompletableFuture<Void> run : runs) {
      try {
        run.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        MariaDbClusterException wrapped =
            cause instanceof MariaDbClusterException clusterFailure
                ? clusterFailure
                : new MariaDbClusterException(cause.toString(), cause);
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

  private static void copy(Path source, Path target) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(target.resolve(source.relativize(dir)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(file, target.resolve(source.relativize(file)));
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
