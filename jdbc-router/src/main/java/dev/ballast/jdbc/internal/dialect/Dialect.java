package dev.ballast.jdbc.internal.dialect;

import dev.ballast.jdbc.internal.ProbeResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything the router needs to know that differs between database engines. Implementations are
 * stateless and thread-safe; every method that takes a connection runs on it and leaves no
 * transaction open that it did not find open.
 *
 * <p>Positions are the engine's own text (a PostgreSQL LSN {@code 0/16B3748}, a MariaDB GTID list
 * {@code 0-1-42}, a MySQL GTID set {@code uuid:1-42}), so a consistency token can carry and
 * serialize any of them and name the engine it came from.
 */
public interface Dialect {

  /** The engine's name as it appears in URLs and tokens: {@code postgresql}, {@code mariadb}, …. */
  String name();

  /**
   * One probe of a host: role, applied and received positions (as comparable numbers) and replay
   * age, in as few round trips as the engine allows.
   *
   * @throws SQLException if the host cannot be asked (the connection is not valid)
   */
  ProbeResult probe(Connection c, int timeoutSeconds) throws SQLException;

  /**
   * The position a replica must have applied to see everything this connection committed, read on
   * the primary right after a commit.
   */
  String commitPosition(Connection c) throws SQLException;

  /**
   * Whether the replica behind {@code c} has applied {@code position}, waiting at most {@code
   * maxWait} for it ({@link Duration#ZERO}: answer at once).
   *
   * @throws IllegalArgumentException if {@code position} is not of this engine's form
   */
  boolean awaitPosition(Connection c, String position, Duration maxWait) throws SQLException;

  /**
   * Whether position {@code applied} includes everything in {@code required}.
   *
   * @throws IllegalArgumentException if either is not of this engine's form
   */
  boolean covers(String applied, String required);

  /**
   * Whether positions are PostgreSQL LSNs, handled as plain {@code long}s by the router (no
   * allocation per commit or read); otherwise they are {@link Position}s from {@link
   * #parsePosition}.
   */
  default boolean lsnPositions() {
    return false;
  }

  /**
   * Parses a position of this engine (as {@link #commitPosition} returns it).
   *
   * @throws IllegalArgumentException if {@code text} is not of this engine's form, or the engine's
   *     positions are LSNs ({@link #lsnPositions()})
   */
  Position parsePosition(String text);

  /**
   * Why a host that should be a replica is not one, for messages, e.g. {@code pg_is_in_recovery()
   * is false} or {@code read_only=0 and no replica status}.
   */
  String writableReason();

  /** Whether {@code e} (or a cause) says the connection or the server is gone. */
  boolean isConnectionFailure(@Nullable Throwable e);

  /** Whether {@code e} (or a cause) says the server refused a write because it is read-only. */
  boolean isReadOnlyViolation(@Nullable Throwable e);
}
