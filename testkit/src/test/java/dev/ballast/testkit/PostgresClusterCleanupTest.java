package dev.ballast.testkit;

import static dev.ballast.testkit.PgTestSupport.await;
import static dev.ballast.testkit.PgTestSupport.processesMentioning;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No postgres process outlives its JVM: a cluster that is never closed is stopped by the shutdown
 * hook, and one whose JVM was killed is swept by the next cluster start. Each case runs a real
 * child JVM.
 */
class PostgresClusterCleanupTest {

  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void shutdownHookStopsAndDeletesAClusterThatWasNeverClosed() throws Exception {
    Process child = startChild("exit");
    ChildDirectories dirs = readDirectories(child);

    assertThat(child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).isZero();
    assertThat(processesMentioning(dirs.root())).isEmpty();
    assertThat(Files.exists(dirs.root())).isFalse();
    assertThat(Files.exists(dirs.template())).isFalse();
  }

  @Test
  void nextClusterStartSweepsTheServersOfAKilledJvm() throws Exception {
    Process child = startChild("hang");
    ChildDirectories dirs = readDirectories(child);
    Path root = dirs.root();
    child.destroyForcibly();
    assertThat(child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // SIGKILL runs no shutdown hook: the servers are orphaned
    assertThat(processesMentioning(root)).hasSizeGreaterThanOrEqualTo(2);

    try (PostgresCluster next = PostgresCluster.builder().directory(root.getParent()).start()) {
      assertThat(next.directory()).isNotEqualTo(root);
      await("orphans gone", Duration.ofSeconds(10), () -> noProcessMentions(root));
      assertThat(Files.exists(root)).isFalse();
      assertThat(Files.exists(dirs.template())).isFalse();
    }
  }

  private static boolean noProcessMentions(Path root) {
    try {
      return processesMentioning(root).isEmpty();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Process startChild(String mode) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            PgAbandonedClusterMain.class.getName(),
            mode)
        .redirectErrorStream(true)
        .start();
  }

  private static ChildDirectories readDirectories(Process child) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    Path template = null;
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("TEMPLATE ")) {
        template = Path.of(line.substring("TEMPLATE ".length()));
      } else if (line.startsWith("ROOT ") && template != null) {
        Path root = Path.of(line.substring("ROOT ".length()));
        // keep draining so the child never blocks on a full pipe
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "child-output");
        drain.setDaemon(true);
        drain.start();
        return new ChildDirectories(root, template);
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("child JVM printed no TEMPLATE and ROOT lines:\n" + seen);
  }

  /** The cluster directory and the initdb template directory of a child JVM. */
  private record ChildDirectories(Path root, Path template) {}
}
