package dev.ballast.testkit.internal.mariadb;

import dev.ballast.testkit.MariaDbClusterException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SQL run as {@code root} on one node's server, each call on a fresh connection (a restarted server
 * leaves no stale session behind). A failure becomes a {@link MariaDbClusterException} reading
 * {@code <node>[ (not running)]: <driver message>}.
 */
final class RootStatements {

  private final MariaDbServer server;

  RootStatements(MariaDbServer server) {
    this.server = server;
  }

  /** Runs one statement as {@code root}. */
  void execute(String sql) {
    control(s -> s.execute(sql));
  }

  /** The first column of the first row of a query run as {@code root}; empty for SQL NULL. */
  String queryString(String sql) {
    return control(
        s -> {
          try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
              throw new SQLException("no row from " + sql);
            }
            String value = rs.getString(1);
            return value == null ? "" : value;
          }
        });
  }

  /** One column of {@code SHOW SLAVE STATUS}, or null when the node is not a replica. */
  @Nullable String replicaStatus(String column) {
    Optional<String> status =
        control(
            s -> {
              try (ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                if (!rs.next()) {
                  return Optional.empty();
                }
                String value = rs.getString(column);
                return Optional.of(value == null ? "" : value);
              }
            });
    return status.orElse(null);
  }

  private <T> T control(SqlFunction<T> action) {
    try (Connection c = server.rootConnection();
        Statement s = c.createStatement()) {
      return action.apply(s);
    } catch (SQLException e) {
      throw new MariaDbClusterException(
          server.name() + (server.isRunning() ? "" : " (not running)") + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface SqlFunction<T> {
    T apply(Statement statement) throws SQLException;
  }
}
