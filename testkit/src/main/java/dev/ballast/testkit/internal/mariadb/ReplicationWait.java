package dev.ballast.testkit.internal.mariadb;

import dev.ballast.testkit.MariaDbClusterException;
import java.time.Duration;
import java.util.List;

/** Waits for replicas to apply everything their primary has written, by GTID position. */
public final class ReplicationWait {

  private ReplicationWait() {}

  /**
   * Waits until every running replica of {@code primary} that is not paused has applied the
   * primary's {@code @@gtid_binlog_pos} as of this call ({@code MASTER_GTID_WAIT}); replicas that
   * are stopped, paused or follow another node are skipped. A replica with an apply delay is waited
   * for.
   *
   * @throws MariaDbClusterException if the primary is not running or a replica does not catch up
   *     within {@code timeout} (the message gives its replication state)
   */
  public static void await(
      ManagedMariaDbNode primary, List<ManagedMariaDbNode> replicas, Duration timeout) {
    String position = primary.root().queryString("SELECT @@gtid_binlog_pos");
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ManagedMariaDbNode replica : replicas) {
      if (!replica.isRunning()
          || replica.sourcePort() != primary.port()
          || replica.isReplicationPaused()) {
        continue;
      }
      double seconds = Math.max(0.001, (deadline - System.nanoTime()) / 1e9);
      // position and timeout are produced by the server and by us: nothing to quote
      String result =
          replica
              .root()
              .queryString(
                  "SELECT MASTER_GTID_WAIT('"
                      + position
                      + "', "
                      + String.format(java.util.Locale.ROOT, "%.3f", seconds)
                      + ")");
      if (!result.equals("0")) {
        throw new MariaDbClusterException(
            replica.name()
                + " has not applied "
                + position
                + " of "
                + primary.name()
                + " within "
                + timeout
                + " (at "
                + replica.gtidPosition()
                + ", IO thread "
                + replica.root().replicaStatus("Slave_IO_Running")
                + ", SQL thread "
                + replica.root().replicaStatus("Slave_SQL_Running")
                + ", last IO error: "
                + replica.root().replicaStatus("Last_IO_Error")
                + ", last SQL error: "
                + replica.root().replicaStatus("Last_SQL_Error")
                + ")");
      }
    }
  }
}
