package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Position;
import org.jspecify.annotations.Nullable;

/**
 * One successful probe of one host. Immutable.
 *
 * @param inRecovery {@code pg_is_in_recovery()}: a replica (or a host whose role the probe could
 *     not read, see {@code roleKnown}); on MariaDB/MySQL, a read-only host or one with a replica
 *     status
 * @param roleKnown false when the database offers no role query (not PostgreSQL): the configured
 *     role stands and lag is unknown (taken as zero)
 * @param lsn replay position of a replica, current WAL position of a primary, in bytes; {@link
 *     Lsns#NONE} when unknown. For GTID engines a number that grows with every transaction (for lag
 *     estimates only)
 * @param receiveLsn received (flushed) position of a replica; {@link Lsns#NONE} when unknown
 * @param replayAgeSeconds seconds since the last replayed commit of a replica ({@code now() -
 *     pg_last_xact_replay_timestamp()}); NaN when unknown. Lag only while the replica is behind.
 * @param timeline the primary's timeline; 0 for replicas or when unknown
 * @param position the applied (replica) or written (primary) position of a GTID engine, exact, for
 *     read-your-writes; null for PostgreSQL, whose {@code lsn} is exact
 */
public record ProbeResult(
    boolean inRecovery,
    boolean roleKnown,
    long lsn,
    long receiveLsn,
    double replayAgeSeconds,
    long timeline,
    @Nullable Position position) {

  /** A result without an engine position (PostgreSQL, or a host whose role is unknown). */
  public ProbeResult(
      boolean inRecovery,
      boolean roleKnown,
      long lsn,
      long receiveLsn,
      double replayAgeSeconds,
      long timeline) {
    this(inRecovery, roleKnown, lsn, receiveLsn, replayAgeSeconds, timeline, null);
  }
}
