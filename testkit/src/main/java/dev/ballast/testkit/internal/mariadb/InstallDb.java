package dev.ballast.testkit.internal.mariadb;

import dev.ballast.testkit.MariaDbClusterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mariadb-install-db} once per cluster; its result is copied to every node, since the
 * system tables hold nothing node-specific (server ids and binary logs come with the first start).
 */
final class InstallDb {

  private InstallDb() {}

  /**
   * Creates a fresh data directory at {@code target}, with {@code root} allowed in from loopback
   * without a password.
   *
   * @throws MariaDbClusterException if the script fails or does not finish in time
   */
  static void run(Path base, Path target, Path log, Duration timeout) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(base.resolve("scripts").resolve("mariadb-install-db").toString());
    command.add("--no-defaults");
    command.add("--basedir=" + base);
    command.add("--datadir=" + target);
    // "normal": root@127.0.0.1 without password rather than unix-socket authentication, which a
    // JDBC client over TCP cannot use
    command.add("--auth-root-authentication-method=normal");
    command.add("--skip-name-resolve");
    command.add("--skip-test-db");
    command.add("--user=root");
    // the script otherwise resolves the host name, which may hang without a DNS server
    command.add("--cross-bootstrap");
    command.addAll(MariaDbLauncher.SMALL_FOOTPRINT);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new MariaDbClusterException("interrupted while running mariadb-install-db", e);
    }
    if (!finished) {
      process.destroyForcibly();
      MariaDbProcesses.killUnder(target);
      throw new MariaDbClusterException(
          "mariadb-install-db did not finish within " + timeout + "; log " + log);
    }
    if (process.exitValue() != 0) {
      throw new MariaDbClusterException(
          "mariadb-install-db exited with "
              + process.exitValue()
              + "; log "
              + log
              + ":\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
