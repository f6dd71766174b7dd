package dev.ballast.testkit.internal.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Finds and, as a last resort, kills postmaster processes by their data directory. The postmaster
 * is not a child of this JVM ({@code pg_ctl} daemonizes it), so {@link ProcessHandle} by pid is the
 * only handle on it.
 */
public final class PostmasterProcesses {

  /** How long an immediate shutdown may take before SIGKILL. */
  static final Duration QUIT_GRACE = Duration.ofSeconds(2);

  private PostmasterProcesses() {}

  /**
   * The postmaster pid recorded in {@code postmaster.pid} of {@code dataDirectory}, if the file
   * exists and names a live process whose command line mentions that directory (pids are reused, so
   * the file alone proves nothing).
   */
  public static Optional<ProcessHandle> find(Path dataDirectory) {
    OptionalLong pid = readPidFile(dataDirectory);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid.getAsLong())
        .filter(PostmasterProcesses::isAlive)
        .filter(p -> commandLineMentions(p, dataDirectory));
  }

  /** Whether the process exists and is not a zombie waiting for a parent that never reaps it. */
  public static boolean isAlive(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")).trim();
      // the state field follows the parenthesized command name, which may itself hold spaces
      int afterName = stat.lastIndexOf(')');
      return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits up to {@code timeout} for the postmaster to exit, then asks it for an immediate shutdown
   * (SIGQUIT: it stops its children and releases its shared memory), and if that does not end it
   * within {@link #QUIT_GRACE}, kills it and all its descendants with SIGKILL. Descendants are
   * collected first: once the postmaster is gone they are reparented and no longer reachable from
   * it.
   */
  public static void awaitExitOrKill(ProcessHandle postmaster, Duration timeout) {
    if (awaitExit(postmaster, timeout)) {
      return;
    }
    List<ProcessHandle> children = postmaster.descendants().collect(Collectors.toList());
    if (sendQuit(postmaster) && awaitExit(postmaster, QUIT_GRACE)) {
      return;
    }
    postmaster.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    awaitExit(postmaster, Duration.ofSeconds(5));
    children.forEach(child -> awaitExit(child, Duration.ofSeconds(1)));
  }

  /** Java can send only SIGTERM and SIGKILL; SIGTERM is PostgreSQL's "wait for clients" mode. */
  private static boolean sendQuit(ProcessHandle process) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    // polled rather than onExit(): an unreaped zombie never completes onExit
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isAlive(process)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isAlive(process);
      }
    }
    return true;
  }

  private static OptionalLong readPidFile(Path dataDirectory) {
    try {
      List<String> lines =
          Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static boolean commandLineMentions(ProcessHandle process, Path dataDirectory) {
    // /proc/<pid>/cmdline is readable for our own processes even when ProcessHandle.Info is empty
    try {
      String commandLine =
          Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
              .replace('\0', ' ');
      return commandLine.contains(dataDirectory.toString());
    } catch (IOException e) {
      return process
          .info()
          .commandLine()
          .map(c -> c.contains(dataDirectory.toString()))
          .orElse(false);
    }
  }
}
