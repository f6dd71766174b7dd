package dev.ballast.testkit.internal.pg;

import dev.ballast.testkit.PgClusterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One initdb per JVM: every primary starts from a copy of a freshly initialized, cleanly stopped
 * data directory. initdb is most of a primary's start (measured 2.2-2.5 s against 0.25-0.5 s for
 * the copy on a loaded 2-core machine), and every cluster after the first skips it.
 *
 * <p>Clusters made from one template share PostgreSQL's system identifier. That only matters if a
 * replica of one cluster reconnects to a port that another cluster of the same JVM took over in the
 * meantime, which ephemeral ports make vanishingly rare in tests.
 *
 * <p>The template lives in its own directory, claimed by this JVM like a cluster's (so the orphan
 * sweep removes it after a crash) and deleted at JVM exit. Thread-safe.
 */
public final class InitdbTemplate {

  private static @Nullable Path dataDirectory;

  private InitdbTemplate() {}

  /**
   * Fills {@code target} (which must not exist) with a fresh data directory, creating the template
   * under {@code parent} on first use.
   *
   * @throws PgClusterException if the template cannot be created
   */
  public static synchronized void copyTo(Path target, Path parent, Duration startupTimeout)
      throws IOException {
    Path template = dataDirectory;
    if (template == null || !Files.isRegularFile(template.resolve("PG_VERSION"))) {
      template = create(parent, startupTimeout);
      dataDirectory = template;
    }
    DataDirectories.copyStopped(template, target);
  }

  /** Where the template's data directory is, once one was created. */
  public static synchronized Optional<Path> location() {
    return Optional.ofNullable(dataDirectory);
  }

  private static Path create(Path parent, Duration startupTimeout) throws IOException {
    Path root = Files.createTempDirectory(parent, ClusterLauncher.ROOT_PREFIX + "template-");
    ServerReaper.claim(root);
    ServerReaper.register(
        () -> {
          try {
            DataDirectories.deleteRecursively(root);
          } catch (IOException e) {
            // JVM exit: the orphan sweep of a later JVM retries
          }
        });
    Path data = root.resolve("data");
    // started once only because zonky offers initdb only as part of a start
    PgServer server =
        new PgServer(
            "template",
            data,
            root.resolve("template.log"),
            Map.of("listen_addresses", "127.0.0.1"),
            startupTimeout);
    try {
      server.start();
    } finally {
      server.stop(Duration.ofSeconds(10));
    }
    return data;
  }
}
