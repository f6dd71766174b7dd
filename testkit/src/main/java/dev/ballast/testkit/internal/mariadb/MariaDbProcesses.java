package dev.ballast.testkit.internal.mariadb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Finds {@code mariadbd} processes by the directory their data lies in. A server outlives a JVM
 * killed with SIGKILL (it is re-parented, not signalled), and then its command line, which names
 * its {@code --datadir}, is the only link back to the cluster that started it.
 */
public final class MariaDbProcesses {

  private MariaDbProcesses() {}

  /** Live {@code mariadbd} processes whose command line mentions {@code directory}. */
  public static List<ProcessHandle> under(Path directory) {
    String needle = directory.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> isMariaDbMentioning(p, needle))
        .collect(Collectors.toList());
  }

  /**
   * Kills (SIGKILL) every {@code mariadbd} under {@code directory} and waits up to 5 s for each to
   * be gone; an orphan's data is about to be deleted, so a clean shutdown would be wasted time.
   */
  public static void killUnder(Path directory) {
    List<ProcessHandle> servers = under(directory);
    servers.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle server : servers) {
      try {
        server.onExit().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // best effort: a zombie of a dead parent never completes onExit
      }
    }
  }

  private static boolean isMariaDbMentioning(ProcessHandle process, String needle) {
    try {
      // /proc/<pid>/cmdline is readable for our own processes even when ProcessHandle.Info is empty
      String commandLine =
          Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
              .replace('\0', ' ');
      return commandLine.contains("mariadbd") && commandLine.contains(needle);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
