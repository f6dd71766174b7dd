package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, within read-your-writes' {@code max-wait}, until a replica has replayed a token's
 * position, asking the replica itself ({@code pg_last_wal_replay_lsn()}) over the connection the
 * read will use. Streaming replicas usually replay a commit within a millisecond, so the first poll
 * comes after 0.25 ms and the gaps double up to 8 ms. Stateless.
 */
final class ReplayWaiter {
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(250);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(8);

  private ReplayWaiter() {}

  /**
   * Whether {@code host} (through {@code c}) reaches {@code token} before {@code deadlineNanos}
   * ({@link System#nanoTime()} scale: this is a real wait on a real server). Every position seen
   * raises the host's known replay position, which spares later reads the question.
   */
  static boolean await(Host host, Connection c, long token, long deadlineNanos)
      throws SQLException {
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      long lsn = WalPositions.replayed(c);
      if (lsn >= 0) {
        host.observeReplayLsn(lsn);
      }
      if (lsn >= token) {
        return true;
      }
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      LockSupport.parkNanos(Math.min(pause, remaining));
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
      pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
    }
  }
}
