package dev.ballast.testkit;

import static dev.ballast.testkit.PgTestSupport.await;
import static dev.ballast.testkit.PgTestSupport.processesMentioning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.internal.mariadb.MariaDbLauncher;
import dev.ballast.testkit.internal.mariadb.MariaDbProcesses;
import dev.ballast.testkit.internal.pg.ServerReaper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No mariadbd outlives its JVM: a cluster that is never closed is stopped by the shutdown hook, and
 * the servers of a JVM killed with SIGKILL are killed by the orphan sweep every cluster start runs
 * first. Each case runs a real child JVM with a one-node cluster in its own parent directory.
 */
class MariaDbClusterCleanupTest {

  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path parent;

  @Test
  void shutdownHookStopsAndDeletesAClusterThatWasNeverClosed() throws Exception {
    Process child = startChild("exit");
    Path root = readRoot(child);

    assertThat(child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).isZero();
    assertThat(processesMentioning(root)).isEmpty();
    assertThat(Files.exists(root)).isFalse();
  }

  @Test
  void orphanSweepKillsTheServerOfAKilledJvmAndDeletesItsFiles() throws Exception {
    Process child = startChild("hang");
    Path root = readRoot(child);
    child.destroyForcibly();
    assertThat(child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // SIGKILL runs no shutdown hook: the server is orphaned
    assertThat(MariaDbProcesses.under(root)).hasSize(1);

    // what MariaDbLauncher.launch runs before every start, without paying for another server
    ServerReaper.sweepOrphans(parent, MariaDbLauncher.ROOT_PREFIX, MariaDbProcesses::killUnder);

    await("orphan gone", Duration.ofSeconds(10), () -> MariaDbProcesses.under(root).isEmpty());
    assertThat(Files.exists(root)).isFalse();
  }

  private Process startChild(String mode) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            MariaDbAbandonedClusterMain.class.getName(),
            parent.toString(),
            mode)
        .redirectErrorStream(true)
        .start();
  }

  private static Path readRoot(Process child) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("ROOT ")) {
        // keep draining so the child never blocks on a full pipe
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "child-output");
        drain.setDaemon(true);
        drain.start();
        return Path.of(line.substring("ROOT ".length()));
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("child JVM printed no ROOT line:\n" + seen);
  }
}
