package dev.ballast.jdbc.internal.dialect;

import dev.ballast.jdbc.internal.Lsns;
import dev.ballast.jdbc.internal.ProbeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB (10.x, 11.x) through MariaDB Connector/J.
 *
 * <ul>
 *   <li>Role: a host is a replica when it has a replica status ({@code SHOW SLAVE STATUS}) or runs
 *       with {@code read_only=1}; the primary is the writable host without one. The probing user
 *       needs {@code SLAVE MONITOR} (or {@code REPLICA MONITOR}); without it the role comes from
 *       {@code read_only} alone.
 *   <li>Positions: MariaDB GTID lists ({@link GtidPosition}). In a {@link ProbeResult} they become
 *       sums of sequence numbers: the primary's {@code @@gtid_binlog_pos}, a replica's
 *       {@code @@gtid_current_pos} (applied) and its {@code Gtid_IO_Pos} (received).
 *   <li>Lag: {@code Seconds_Behind_Master} while the replica is behind. A replica whose SQL thread
 *       is stopped is behind by definition, even with nothing left to apply — it will not apply the
 *       next commit — so it reports one received transaction more than it applied and an infinite
 *       replay age (the router then bounds the age by when it was last seen caught up). An idle
 *       replica whose SQL thread runs is not behind, however old its last transaction.
 *   <li>Read-your-writes: the token is the session's {@code @@last_gtid} right after the commit
 *       (the commit's own GTID), else {@code @@gtid_binlog_pos}; a replica is waited for with
 *       {@code MASTER_GTID_WAIT}, bounded by the caller's maximum wait.
 * </ul>
 */
final class MariaDbDialect extends MySqlFamilyDialect {

  private static final String VARIABLES =
      "SELECT @@read_only, @@gtid_binlog_pos, @@gtid_current_pos";

  /** ER_SPECIFIC_ACCESS_DENIED_ERROR: the probing user may not read the replica status. */
  private static final int ACCESS_DENIED = 1227;

  @Override
  public String name() {
    return "mariadb";
  }

  @Override
  public ProbeResult probe(Connection c, int timeoutSeconds) throws SQLException {
    boolean readOnly;
    String binlogPosition;
    String currentPosition;
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = s.executeQuery(VARIABLES)) {
        rs.next();
        readOnly = rs.getBoolean(1);
        binlogPosition = nullToEmpty(rs.getString(2));
        currentPosition = nullToEmpty(rs.getString(3));
      }
      ReplicaStatus status = replicaStatus(s);
      if (status == null) {
        // read_only without a source: a demoted or fenced host, not a primary
        GtidPosition own = GtidPosition.parse(readOnly ? currentPosition : binlogPosition);
        return new ProbeResult(readOnly, true, own.sequenceSum(), Lsns.NONE, Double.NaN, 0, own);
      }
      GtidPosition appliedPosition = GtidPosition.parse(currentPosition);
      long applied = appliedPosition.sequenceSum();
      long received =
          Math.max(applied, GtidPosition.parse(status.receivedPosition()).sequenceSum());
      if (!status.sqlThreadRunning()) {
        return new ProbeResult(
            true, true, applied, applied + 1, Double.POSITIVE_INFINITY, 0, appliedPosition);
      }
      return new ProbeResult(
          true, true, applied, received, status.secondsBehind(), 0, appliedPosition);
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
  }

  private static @Nullable ReplicaStatus replicaStatus(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
      if (!rs.next()) {
        return null;
      }
      long behind = rs.getLong("Seconds_Behind_Master");
      double secondsBehind = rs.wasNull() ? Double.NaN : behind;
      return new ReplicaStatus(
          "Yes".equalsIgnoreCase(rs.getString("Slave_SQL_Running")),
          secondsBehind,
          nullToEmpty(rs.getString("Gtid_IO_Pos")));
    } catch (SQLException e) {
      if (e.getErrorCode() == ACCESS_DENIED) {
        return null;
      }
      throw e;
    }
  }

  @Override
  Position parse(String text) {
    return GtidPosition.parse(text);
  }

  @Override
  String readCommitPosition(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT @@last_gtid, @@gtid_binlog_pos")) {
      rs.next();
      String last = nullToEmpty(rs.getString(1));
      return last.isEmpty() ? nullToEmpty(rs.getString(2)) : last;
    }
  }

  @Override
  PreparedStatement prepareWait(Connection c, Position position, Duration maxWait)
      throws SQLException {
    PreparedStatement s = c.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?) = 0");
    s.setString(1, position.text());
    // a negative timeout would wait forever: the shortest real one is a microsecond
    s.setDouble(2, Math.max(1e-6, maxWait.toNanos() / 1e9));
    return s;
  }

  private record ReplicaStatus(
      boolean sqlThreadRunning, double secondsBehind, String receivedPosition) {}
}
