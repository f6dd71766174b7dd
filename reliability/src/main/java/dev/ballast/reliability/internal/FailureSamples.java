package dev.ballast.reliability.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The first few failures and stale reads {@link JdbcTraffic} saw, one line each; later ones are
 * only counted elsewhere. Thread-safe.
 */
final class FailureSamples {
  private static final int KEPT = 20;

  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

  /** Keeps {@code line} unless enough are kept already. */
  void add(String line) {
    if (lines.size() < KEPT) {
      lines.add(line);
    }
  }

  /** Keeps {@code what}, the exception's class, SQLState and the first line of its message. */
  void add(String what, SQLException e) {
    if (lines.size() < KEPT) {
      String msg = String.valueOf(e.getMessage());
      int nl = msg.indexOf('\n');
      lines.add(
          what
              + ": "
              + e.getClass().getSimpleName()
              + " ["
              + e.getSQLState()
              + "] "
              + (nl < 0 ? msg : msg.substring(0, nl)));
    }
  }

  List<String> list() {
    return List.copyOf(lines);
  }
}
