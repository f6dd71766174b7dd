package dev.ballast.jdbc.internal;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A routed {@link PreparedStatement}: see {@link RoutedStatement}. Parameters given before the
 * first execution are recorded (as steps, not reflection) while the statement may still run again
 * on another host.
 *
 * <p>This class holds what executes; the parameter setters are in {@link PreparedStatementValues}
 * (recorded) and {@link PreparedStatementStreams} (given once).
 */
class RoutedPreparedStatement extends PreparedStatementStreams {
  RoutedPreparedStatement(
      PreparedStatement target,
      StatementOwner owner,
      Binding binding,
      String sql,
      StatementReplay.@Nullable Factory replay) {
    super(target, owner, binding, sql, replay);
  }

  private PreparedStatement ps() {
    return (PreparedStatement) target;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return query(run(Kind.QUERY, sql(), (s, q) -> ((PreparedStatement) s).executeQuery()));
  }

  @Override
  public boolean execute() throws SQLException {
    return run(Kind.EXECUTE, sql(), (s, q) -> ((PreparedStatement) s).execute());
  }

  @Override
  public int executeUpdate() throws SQLException {
    return run(Kind.UPDATE, sql(), (s, q) -> ((PreparedStatement) s).executeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return run(Kind.UPDATE, sql(), (s, q) -> ((PreparedStatement) s).executeLargeUpdate());
  }

  @Override
  public void addBatch() throws SQLException {
    ps().addBatch();
    replay = null; // a statement built again would lack the batch
  }

  @Override
  public void clearParameters() throws SQLException {
    ps().clearParameters();
    if (replay != null) {
      record(s -> ((PreparedStatement) s).clearParameters());
    }
  }

  @Override
  public @Nullable ResultSetMetaData getMetaData() throws SQLException {
    return ps().getMetaData();
  }

  @Override
  public @Nullable ParameterMetaData getParameterMetaData() throws SQLException {
    return ps().getParameterMetaData();
  }
}
