package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The PostgreSQL operations of this package ({@link PostgresProbe}, {@link WalPositions}) made
 * reachable for {@code dev.ballast.jdbc.internal.dialect.PostgresDialect}, which delegates to them
 * so that the dialect and the code that does not go through it yet can never disagree. Stateless.
 */
public final class PostgresOperations {

  private PostgresOperations() {}

  /** See {@link PostgresProbe#probe(Connection, int)}. */
  public static ProbeResult probe(Connection c, int timeoutSeconds) throws SQLException {
    return PostgresProbe.probe(c, timeoutSeconds);
  }

  /** The primary's position to wait for after a commit; see {@link WalPositions#current}. */
  public static long commitPosition(Connection c) throws SQLException {
    return WalPositions.current(c);
  }

  /** A replica's replay position, {@link Lsns#NONE} when not in recovery. */
  public static long replayed(Connection c) throws SQLException {
    return WalPositions.replayed(c);
  }
}
