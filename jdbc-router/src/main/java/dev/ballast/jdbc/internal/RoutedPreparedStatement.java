package dev.ballast.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A routed {@link PreparedStatement}: see {@link RoutedStatement}. Parameters given before the
 * first execution are recorded (as steps, not reflection) while the statement may still run again
 * on another host.
 *
 * <p>The delegation below the hand-written part is generated from {@link PreparedStatement}.
 */
class RoutedPreparedStatement extends RoutedStatement implements PreparedStatement {
  RoutedPreparedStatement(
      PreparedStatement target,
      StatementOwner owner,
      Binding binding,
      String sql,
      @Nullable StatementReplay replay) {
    super(target, owner, binding, sql, replay);
  }

  private PreparedStatement ps() {
    return (PreparedStatement) target;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return query(run(Kind.QUERY, sql(), s -> ((PreparedStatement) s).executeQuery()));
  }

  @Override
  public boolean execute() throws SQLException {
    return run(Kind.EXECUTE, sql(), s -> ((PreparedStatement) s).execute());
  }

  @Override
  public int executeUpdate() throws SQLException {
    return run(Kind.UPDATE, sql(), s -> ((PreparedStatement) s).executeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return run(Kind.UPDATE, sql(), s -> ((PreparedStatement) s).executeLargeUpdate());
  }

  @Override
  public void addBatch() throws SQLException {
    ps().addBatch();
    replay = null; // a statement built again would lack the batch
  }

  // ---- generated: plain delegation ------------------------------------------------------------

  @Override
  public void clearParameters() throws SQLException {
    ps().clearParameters();
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).clearParameters());
    }
  }

  @Override
  public java.sql.@Nullable ResultSetMetaData getMetaData() throws SQLException {
    return ps().getMetaData();
  }

  @Override
  public java.sql.@Nullable ParameterMetaData getParameterMetaData() throws SQLException {
    return ps().getParameterMetaData();
  }

  @Override
  public void setArray(int a0, java.sql.@Nullable Array a1) throws SQLException {
    ps().setArray(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setAsciiStream(int a0, java.io.@Nullable InputStream a1, int a2) throws SQLException {
    ps().setAsciiStream(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setAsciiStream(int a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    ps().setAsciiStream(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setAsciiStream(int a0, java.io.@Nullable InputStream a1) throws SQLException {
    ps().setAsciiStream(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setBigDecimal(int a0, java.math.@Nullable BigDecimal a1) throws SQLException {
    ps().setBigDecimal(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setBigDecimal(a0, a1));
    }
  }

  @Override
  public void setBinaryStream(int a0, java.io.@Nullable InputStream a1, int a2)
      throws SQLException {
    ps().setBinaryStream(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setBinaryStream(int a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    ps().setBinaryStream(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setBinaryStream(int a0, java.io.@Nullable InputStream a1) throws SQLException {
    ps().setBinaryStream(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setBlob(int a0, java.io.@Nullable InputStream a1, long a2) throws SQLException {
    ps().setBlob(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setBlob(int a0, java.io.@Nullable InputStream a1) throws SQLException {
    ps().setBlob(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setBlob(int a0, java.sql.@Nullable Blob a1) throws SQLException {
    ps().setBlob(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setBoolean(int a0, boolean a1) throws SQLException {
    ps().setBoolean(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setBoolean(a0, a1));
    }
  }

  @Override
  public void setByte(int a0, byte a1) throws SQLException {
    ps().setByte(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setByte(a0, a1));
    }
  }

  @Override
  public void setBytes(int a0, byte @Nullable [] a1) throws SQLException {
    ps().setBytes(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setBytes(a0, a1));
    }
  }

  @Override
  public void setCharacterStream(int a0, java.io.@Nullable Reader a1, int a2) throws SQLException {
    ps().setCharacterStream(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setCharacterStream(int a0, java.io.@Nullable Reader a1, long a2) throws SQLException {
    ps().setCharacterStream(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setCharacterStream(int a0, java.io.@Nullable Reader a1) throws SQLException {
    ps().setCharacterStream(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setClob(int a0, java.io.@Nullable Reader a1, long a2) throws SQLException {
    ps().setClob(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setClob(int a0, java.io.@Nullable Reader a1) throws SQLException {
    ps().setClob(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setClob(int a0, java.sql.@Nullable Clob a1) throws SQLException {
    ps().setClob(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setDate(int a0, java.sql.@Nullable Date a1, java.util.@Nullable Calendar a2)
      throws SQLException {
    ps().setDate(a0, a1, a2);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setDate(a0, a1, a2));
    }
  }

  @Override
  public void setDate(int a0, java.sql.@Nullable Date a1) throws SQLException {
    ps().setDate(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setDate(a0, a1));
    }
  }

  @Override
  public void setDouble(int a0, double a1) throws SQLException {
    ps().setDouble(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setDouble(a0, a1));
    }
  }

  @Override
  public void setFloat(int a0, float a1) throws SQLException {
    ps().setFloat(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setFloat(a0, a1));
    }
  }

  @Override
  public void setInt(int a0, int a1) throws SQLException {
    ps().setInt(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setInt(a0, a1));
    }
  }

  @Override
  public void setLong(int a0, long a1) throws SQLException {
    ps().setLong(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setLong(a0, a1));
    }
  }

  @Override
  public void setNCharacterStream(int a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    ps().setNCharacterStream(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setNCharacterStream(int a0, java.io.@Nullable Reader a1) throws SQLException {
    ps().setNCharacterStream(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setNClob(int a0, java.io.@Nullable Reader a1, long a2) throws SQLException {
    ps().setNClob(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setNClob(int a0, java.io.@Nullable Reader a1) throws SQLException {
    ps().setNClob(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setNClob(int a0, java.sql.@Nullable NClob a1) throws SQLException {
    ps().setNClob(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setNString(int a0, @Nullable String a1) throws SQLException {
    ps().setNString(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setNString(a0, a1));
    }
  }

  @Override
  public void setNull(int a0, int a1, @Nullable String a2) throws SQLException {
    ps().setNull(a0, a1, a2);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setNull(a0, a1, a2));
    }
  }

  @Override
  public void setNull(int a0, int a1) throws SQLException {
    ps().setNull(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setNull(a0, a1));
    }
  }

  @Override
  public void setObject(int a0, @Nullable Object a1, int a2, int a3) throws SQLException {
    ps().setObject(a0, a1, a2, a3);
    StatementReplay r = replay;
    if (r != null) {
      if (StatementReplay.replayable(a1)) {
        r.record(s -> ((PreparedStatement) s).setObject(a0, a1, a2, a3));
      } else {
        replay = null;
      }
    }
  }

  @Override
  public void setObject(int a0, @Nullable Object a1, int a2) throws SQLException {
    ps().setObject(a0, a1, a2);
    StatementReplay r = replay;
    if (r != null) {
      if (StatementReplay.replayable(a1)) {
        r.record(s -> ((PreparedStatement) s).setObject(a0, a1, a2));
      } else {
        replay = null;
      }
    }
  }

  @Override
  public void setObject(int a0, @Nullable Object a1, java.sql.@Nullable SQLType a2, int a3)
      throws SQLException {
    ps().setObject(a0, a1, a2, a3);
    StatementReplay r = replay;
    if (r != null) {
      if (StatementReplay.replayable(a1)) {
        r.record(s -> ((PreparedStatement) s).setObject(a0, a1, a2, a3));
      } else {
        replay = null;
      }
    }
  }

  @Override
  public void setObject(int a0, @Nullable Object a1, java.sql.@Nullable SQLType a2)
      throws SQLException {
    ps().setObject(a0, a1, a2);
    StatementReplay r = replay;
    if (r != null) {
      if (StatementReplay.replayable(a1)) {
        r.record(s -> ((PreparedStatement) s).setObject(a0, a1, a2));
      } else {
        replay = null;
      }
    }
  }

  @Override
  public void setObject(int a0, @Nullable Object a1) throws SQLException {
    ps().setObject(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      if (StatementReplay.replayable(a1)) {
        r.record(s -> ((PreparedStatement) s).setObject(a0, a1));
      } else {
        replay = null;
      }
    }
  }

  @Override
  public void setRef(int a0, java.sql.@Nullable Ref a1) throws SQLException {
    ps().setRef(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setRowId(int a0, java.sql.@Nullable RowId a1) throws SQLException {
    ps().setRowId(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setSQLXML(int a0, java.sql.@Nullable SQLXML a1) throws SQLException {
    ps().setSQLXML(a0, a1);
    replay = null; // a stream or connection-bound value cannot be given twice
  }

  @Override
  public void setShort(int a0, short a1) throws SQLException {
    ps().setShort(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setShort(a0, a1));
    }
  }

  @Override
  public void setString(int a0, @Nullable String a1) throws SQLException {
    ps().setString(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setString(a0, a1));
    }
  }

  @Override
  public void setTime(int a0, java.sql.@Nullable Time a1, java.util.@Nullable Calendar a2)
      throws SQLException {
    ps().setTime(a0, a1, a2);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setTime(a0, a1, a2));
    }
  }

  @Override
  public void setTime(int a0, java.sql.@Nullable Time a1) throws SQLException {
    ps().setTime(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setTime(a0, a1));
    }
  }

  @Override
  public void setTimestamp(int a0, java.sql.@Nullable Timestamp a1, java.util.@Nullable Calendar a2)
      throws SQLException {
    ps().setTimestamp(a0, a1, a2);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setTimestamp(a0, a1, a2));
    }
  }

  @Override
  public void setTimestamp(int a0, java.sql.@Nullable Timestamp a1) throws SQLException {
    ps().setTimestamp(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setTimestamp(a0, a1));
    }
  }

  @Override
  public void setURL(int a0, java.net.@Nullable URL a1) throws SQLException {
    ps().setURL(a0, a1);
    StatementReplay r = replay;
    if (r != null) {
      r.record(s -> ((PreparedStatement) s).setURL(a0, a1));
    }
  }

  @Override
  public void setUnicodeStream(int a0, java.io.@Nullable InputStream a1, int a2)
      throws SQLException {
    ps().setUnicodeStream(a0, a1, a2);
    replay = null; // a stream or connection-bound value cannot be given twice
  }
}
