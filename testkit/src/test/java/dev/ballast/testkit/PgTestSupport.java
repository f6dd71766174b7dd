package dev.ballast.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** SQL and process helpers shared by the PostgreSQL cluster tests. */
final class PgTestSupport {

  private PgTestSupport() {}

  static void execute(PgNode node, String sql) {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(node.name() + ": " + sql + ": " + e.getMessage(), e);
    }
  }

  static long queryLong(PgNode node, String sql) {
    try (Connection c = node.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(node.name() + ": " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Rows of {@code table} on {@code node}. */
  static long rows(PgNode node, String table) {
    return queryLong(node, "SELECT count(*) FROM " + table);
  }

  /** Polls a real server's state until true; fails after {@code timeout}. Returns elapsed nanos. */
  static long await(String what, Duration timeout, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("not within " + timeout.toMillis() + "ms: " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
    return System.nanoTime() - start;
  }

  /** Live processes whose command line mentions {@code path}, read from /proc like pgrep -f. */
  static List<String> processesMentioning(Path path) throws IOException {
    List<String> found = new ArrayList<>();
    String needle = path.toString();
    try (var entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String pid = entry.getFileName().toString();
        if (!pid.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String commandLine = Files.readString(entry.resolve("cmdline")).replace('\0', ' ');
          if (commandLine.contains(needle)) {
            found.add(pid + ": " + commandLine.trim());
          }
        } catch (IOException vanished) {
          // the process ended while we listed
        }
      }
    }
    return found;
  }
}
