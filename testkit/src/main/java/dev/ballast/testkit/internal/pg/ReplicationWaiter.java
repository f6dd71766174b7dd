package dev.ballast.testkit.internal.pg;

import dev.ballast.testkit.PgClusterException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Waits until replicas have replayed the primary's current WAL position. Each replica is polled on
 * one connection every millisecond: commit-to-visible lag is about half a millisecond here, so
 * coarser polling would dominate the wait.
 */
public final class ReplicationWaiter {

  private static final String REPLICA_STATE =
      "SELECT pg_is_in_recovery(),"
          + " CASE WHEN pg_is_in_recovery() THEN pg_get_wal_replay_pause_state()::text"
          + " ELSE 'promoted' END,"
          + " (coalesce(pg_last_wal_replay_lsn(), '0/0') - '0/0'::pg_lsn)::bigint";

  private static final String PRIMARY_STATE =
      "SELECT pg_is_in_recovery(), CASE WHEN pg_is_in_recovery() THEN 0"
          + " ELSE (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint END";

  private ReplicationWaiter() {}

  /**
   * Waits until every running, non-paused replica still in recovery has replayed the WAL position
   * the primary has at the time of the call.
   *
   * @throws PgClusterException if the primary is not a running primary, or on timeout, with each
   *     replica's state in the message
   */
  public static void await(ManagedPgNode primary, List<ManagedPgNode> replicas, Duration timeout) {
    if (!primary.isRunning()) {
      throw new PgClusterException(
          "waitForReplication: " + primary.name() + " is stopped (expected: a running primary)");
    }
    long target = primaryLsn(primary);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> lagging = new ArrayList<>();
    for (ManagedPgNode replica : replicas) {
      if (replica.isRunning()) {
        String behind = awaitReplica(replica, target, deadline);
        if (behind != null) {
          lagging.add(behind);
        }
      }
    }
    if (!lagging.isEmpty()) {
      throw new PgClusterException(
          "waitForReplication: after "
              + timeout.toMillis()
              + "ms the primary is at "
              + Lsn.format(target)
              + " but "
              + String.join(", ", lagging)
              + " (expected: every running, unpaused replica at or past the primary)");
    }
  }

  private static long primaryLsn(ManagedPgNode primary) {
    boolean[] inRecovery = new boolean[1];
    long lsn;
    try {
      lsn =
          primary
              .control()
              .queryRow(
                  PRIMARY_STATE,
                  rs -> {
                    inRecovery[0] = rs.getBoolean(1);
                    return rs.getLong(2);
                  });
    } catch (SQLException e) {
      throw new PgClusterException(
          "waitForReplication: cannot read the position of " + primary.name() + ": " + e, e);
    }
    if (inRecovery[0]) {
      throw new PgClusterException(
          "waitForReplication: "
              + primary.name()
              + " is in recovery (expected: a primary that accepts writes)");
    }
    return lsn;
  }

  /** Returns null once caught up or excused (paused, promoted), else a description of the lag. */
  private static @Nullable String awaitReplica(ManagedPgNode replica, long target, long deadline) {
    try {
      while (true) {
        ReplicaState state = replica.control().queryRow(REPLICA_STATE, ReplicaState::read);
        if (!state.inRecovery
            || !"not paused".equals(state.pauseState)
            || state.replayed >= target) {
          return null;
        }
        if (System.nanoTime() - deadline >= 0) {
          return replica.name() + " has replayed only " + Lsn.format(state.replayed);
        }
        ManagedPgNode.sleepMillis(1);
      }
    } catch (SQLException e) {
      if (!replica.isRunning()) {
        return null; // stopped while we waited: not a replica this call covers
      }
      return replica.name() + " could not be queried (" + e.getMessage() + ")";
    }
  }

  private static final class ReplicaState {
    final boolean inRecovery;
    final String pauseState;
    final long replayed;

    private ReplicaState(boolean inRecovery, String pauseState, long replayed) {
      this.inRecovery = inRecovery;
      this.pauseState = pauseState;
      this.replayed = replayed;
    }

    static ReplicaState read(ResultSet rs) throws SQLException {
      String pauseState = rs.getString(2);
      return new ReplicaState(
          rs.getBoolean(1), pauseState == null ? "" : pauseState, rs.getLong(3));
    }
  }
}
