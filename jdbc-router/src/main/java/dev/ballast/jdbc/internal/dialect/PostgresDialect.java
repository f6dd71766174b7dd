package dev.ballast.jdbc.internal.dialect;

import dev.ballast.jdbc.internal.Lsns;
import dev.ballast.jdbc.internal.PostgresOperations;
import dev.ballast.jdbc.internal.ProbeResult;
import dev.ballast.jdbc.internal.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: delegates to the probe, WAL-position and SQLState code the router has always used, so
 * its behaviour is exactly theirs. Positions are LSNs in {@code X/Y} form.
 */
final class PostgresDialect implements Dialect {

  // streaming replicas usually replay a commit within a millisecond: poll soon, then back off
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(250);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(8);

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public ProbeResult probe(Connection c, int timeoutSeconds) throws SQLException {
    return PostgresOperations.probe(c, timeoutSeconds);
  }

  @Override
  public String commitPosition(Connection c) throws SQLException {
    return Lsns.format(PostgresOperations.commitPosition(c));
  }

  @Override
  public boolean awaitPosition(Connection c, String position, Duration maxWait)
      throws SQLException {
    long target = Lsns.parse(position);
    long deadline = System.nanoTime() + maxWait.toNanos();
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      if (PostgresOperations.replayed(c) >= target) {
        return true;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(Math.min(pause, remaining));
      pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
    }
  }

  @Override
  public boolean covers(String applied, String required) {
    return Long.compareUnsigned(Lsns.parse(applied), Lsns.parse(required)) >= 0;
  }

  @Override
  public boolean lsnPositions() {
    return true;
  }

  @Override
  public Position parsePosition(String text) {
    throw new IllegalArgumentException(
        "position: " + text + " (expected: none: PostgreSQL positions are LSNs, kept as numbers)");
  }

  @Override
  public String writableReason() {
    return "pg_is_in_recovery() is false";
  }

  @Override
  public boolean isConnectionFailure(@Nullable Throwable e) {
    return SqlStates.isConnectionFailure(e);
  }

  @Override
  public boolean isReadOnlyViolation(@Nullable Throwable e) {
    return SqlStates.isReadOnlyViolation(e);
  }

  @Override
  public String toString() {
    return name();
  }
}
