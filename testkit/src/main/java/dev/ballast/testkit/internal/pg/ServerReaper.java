package dev.ballast.testkit.internal.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The safety net that keeps {@code postgres} (and {@code mariadbd}) processes from outliving the
 * JVM that started them.
 *
 * <ul>
 *   <li>One JVM shutdown hook runs every registered reaper (kill the servers, delete the files) for
 *       clusters that were never closed, e.g. when a test failed before its cleanup.
 *   <li>Each cluster directory holds an owner file naming the JVM (pid and start time). {@link
 *       #sweepOrphans} removes directories, and kills their servers, whose owner JVM is gone — the
 *       case a shutdown hook cannot cover (SIGKILL, a forked test JVM killed on timeout).
 * </ul>
 */
public final class ServerReaper {

  /** Name of the file, in a cluster's root directory, that records the owning JVM. */
  static final String OWNER_FILE = "owner";

  private static final Set<Runnable> REAPERS = ConcurrentHashMap.newKeySet();
  private static volatile boolean hookInstalled;

  private ServerReaper() {}

  /**
   * Registers {@code reaper} to run at JVM shutdown until {@link Registration#close()} is called.
   * The reaper must be quick and must not throw.
   */
  public static Registration register(Runnable reaper) {
    installHook();
    REAPERS.add(reaper);
    return () -> REAPERS.remove(reaper);
  }

  /** Records this JVM as the owner of {@code clusterRoot}. */
  public static void claim(Path clusterRoot) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    String startMillis =
        self.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("-");
    Files.writeString(
        clusterRoot.resolve(OWNER_FILE), self.pid() + " " + startMillis, StandardCharsets.UTF_8);
  }

  /**
   * Deletes every directory under {@code parent} whose name starts with {@code prefix} and whose
   * owner JVM no longer runs, first killing any server still running on a data directory in it.
   * Directories without an owner file are left alone (they may be in creation). Best effort: never
   * throws.
   */
  public static void sweepOrphans(Path parent, String prefix) {
    sweepOrphans(parent, prefix, ServerReaper::killPostmastersUnder);
  }

  /**
   * As {@link #sweepOrphans(Path, String)}, for servers of another kind: {@code killServersUnder}
   * is given each orphaned directory and must kill, and wait for, every server process whose data
   * lies in it before the directory is deleted. Best effort: never throws.
   */
  public static void sweepOrphans(Path parent, String prefix, Consumer<Path> killServersUnder) {
    try (DirectoryStream<Path> roots = Files.newDirectoryStream(parent, prefix + "*")) {
      for (Path root : roots) {
        if (Files.isDirectory(root) && isOrphan(root)) {
          killServersUnder.accept(root);
          DataDirectories.deleteRecursively(root);
        }
      }
    } catch (IOException | RuntimeException e) {
      // a sweep is a courtesy; a failure must not stop a new cluster from starting
    }
  }

  private static boolean isOrphan(Path root) {
    String[] owner;
    try {
      owner = Files.readString(root.resolve(OWNER_FILE), StandardCharsets.UTF_8).trim().split(" ");
    } catch (IOException e) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(owner[0]);
    } catch (NumberFormatException e) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(PostmasterProcesses::isAlive);
    if (process.isEmpty()) {
      return true;
    }
    // the pid may have been reused by an unrelated process since
    Optional<Instant> started = process.get().info().startInstant();
    return owner.length > 1
        && started.isPresent()
        && !owner[1].equals(Long.toString(started.get().toEpochMilli()));
  }

  private static void killPostmastersUnder(Path root) {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
      for (Path child : children) {
        if (Files.isDirectory(child)) {
          PostmasterProcesses.find(child)
              .ifPresent(p -> PostmasterProcesses.awaitExitOrKill(p, java.time.Duration.ZERO));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void installHook() {
    if (hookInstalled) {
      return;
    }
    synchronized (ServerReaper.class) {
      if (hookInstalled) {
        return;
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ServerReaper::reapAll, "ballast-server-reaper"));
      hookInstalled = true;
    }
  }

  private static void reapAll() {
    for (Runnable reaper : REAPERS) {
      try {
        reaper.run();
      } catch (RuntimeException e) {
        // keep reaping the others
      }
    }
  }

  /** Removes a reaper registration. Idempotent. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
