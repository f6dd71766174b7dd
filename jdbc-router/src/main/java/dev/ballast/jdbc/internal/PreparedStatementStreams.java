package dev.ballast.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import org.jspecify.annotations.Nullable;

/**
 * The parameter setters of {@link RoutedPreparedStatement} whose values may not be given twice: a
 * stream or reader (the first attempt may have consumed it) and a LOB, array, ref, row id or XML
 * value that belongs to the first physical connection. Giving one drops the statement's replay: it
 * will not run again elsewhere. {@code setObject} records its value when it is none of these
 * ({@link StatementReplay#replayable}). {@code RoutedDelegationTest} fails when a setter is not
 * forwarded.
 */
abstract class PreparedStatementStreams extends PreparedStatementValues {
  PreparedStatementStreams(
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
  public void setArray(int parameterIndex, @Nullable Array x) throws SQLException {
    ps().setArray(parameterIndex, x);
    replay = null;
  }

  @Override
  public void setAsciiStream(int parameterIndex, @Nullable InputStream x) throws SQLException {
    ps().setAsciiStream(parameterIndex, x);
    replay = null;
  }

  @Override
  public void setAsciiStream(int parameterIndex, @Nullable InputStream x, int length)
      throws SQLException {
    ps().setAsciiStream(parameterIndex, x, length);
    replay = null;
  }

  @Override
  public void setAsciiStream(int parameterIndex, @Nullable InputStream x, long length)
      throws SQLException {
    ps().setAsciiStream(parameterIndex, x, length);
    replay = null;
  }

  @Override
  public void setBinaryStream(int parameterIndex, @Nullable InputStream x) throws SQLException {
    ps().setBinaryStream(parameterIndex, x);
    replay = null;
  }

  @Override
  public void setBinaryStream(int parameterIndex, @Nullable InputStream x, int length)
      throws SQLException {
    ps().setBinaryStream(parameterIndex, x, length);
    replay = null;
  }

  @Override
  public void setBinaryStream(int parameterIndex, @Nullable InputStream x, long length)
      throws SQLException {
    ps().setBinaryStream(parameterIndex, x, length);
    replay = null;
  }

  @Override
  public void setBlob(int parameterIndex, @Nullable Blob x) throws SQLException {
    ps().setBlob(parameterIndex, x);
    replay = null;
  }

  @Override
  public void setBlob(int parameterIndex, @Nullable InputStream inputStream) throws SQLException {
    ps().setBlob(parameterIndex, inputStream);
    replay = null;
  }

  @Override
  public void setBlob(int parameterIndex, @Nullable InputStream inputStream, long length)
      throws SQLException {
    ps().setBlob(parameterIndex, inputStream, length);
    replay = null;
  }

  @Override
  public void setCharacterStream(int parameterIndex, @Nullable Reader reader) throws SQLException {
    ps().setCharacterStream(parameterIndex, reader);
    replay = null;
  }

  @Override
  public void setCharacterStream(int parameterIndex, @Nullable Reader reader, int length)
      throws SQLException {
    ps().setCharacterStream(parameterIndex, reader, length);
    replay = null;
  }

  @Override
  public void setCharacterStream(int parameterIndex, @Nullable Reader reader, long length)
      throws SQLException {
    ps().setCharacterStream(parameterIndex, reader, length);
    replay = null;
  }

  @Override
  public void setClob(int parameterIndex, @Nullable Clob x) throws SQLException {
    ps().setClob(parameterIndex, x);
    replay = null;
  }

  @Override
  public void setClob(int parameterIndex, @Nullable Reader reader) throws SQLException {
    ps().setClob(parameterIndex, reader);
    replay = null;
  }

  @Override
  public void setClob(int parameterIndex, @Nullable Reader reader, long length)
      throws SQLException {
    ps().setClob(parameterIndex, reader, length);
    replay = null;
  }

  @Override
  public void setNCharacterStream(int parameterIndex, @Nullable Reader value) throws SQLException {
    ps().setNCharacterStream(parameterIndex, value);
    replay = null;
  }

  @Override
  public void setNCharacterStream(int parameterIndex, @Nullable Reader value, long length)
      throws SQLException {
    ps().setNCharacterStream(parameterIndex, value, length);
    replay = null;
  }

  @Override
  public void setNClob(int parameterIndex, @Nullable NClob value) throws SQLException {
    ps().setNClob(parameterIndex, value);
    replay = null;
  }

  @Override
  public void setNClob(int parameterIndex, @Nullable Reader reader) throws SQLException {
    ps().setNClob(parameterIndex, reader);
    replay = null;
  }

  @Override
  public void setNClob(int parameterIndex, @Nullable Reader reader, long length)
      throws SQLException {
    ps().setNClob(parameterIndex, reader, length);
    replay = null;
  }

  @Override
  public void setObject(int parameterIndex, @Nullable Object x) throws SQLException {
    ps().setObject(parameterIndex, x);
    if (replay != null) {
      recordIf(
          StatementReplay.replayable(x), s -> ((PreparedStatement) s).setObject(parameterIndex, x));
    }
  }

  @Override
  public void setObject(int parameterIndex, @Nullable Object x, @Nullable SQLType targetSqlType)
      throws SQLException {
    ps().setObject(parameterIndex, x, targetSqlType);
    if (replay != null) {
      recordIf(
          StatementReplay.replayable(x),
          s -> ((PreparedStatement) s).setObject(parameterIndex, x, targetSqlType));
    }
  }

  @Override
  public void setObject(int parameterIndex, @Nullable Object x, int targetSqlType)
      throws SQLException {
    ps().setObject(parameterIndex, x, targetSqlType);
    if (replay != null) {
      recordIf(
          StatementReplay.replayable(x),
          s -> ((PreparedStatement) s).setObject(parameterIndex, x, targetSqlType));
    }
  }

  @Override
  public void setObject(
      int parameterIndex, @Nullable Object x, @Nullable SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    ps().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    if (replay != null) {
      recordIf(
          StatementReplay.replayable(x),
          s -> ((PreparedStatement) s).setObject(parameterIndex, x, targetSqlType, scaleOrLength));
    }
  }

  @Override
  public void setObject(
      int parameterIndex, @Nullable Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    ps().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    if (replay != null) {
      recordIf(
          StatementReplay.replayable(x),
          s -> ((PreparedStatement) s).setObject(parameterIndex, x, targetSqlType, scaleOrLength));
    }
  }

  @Override
  public void setRef(int parameterIndex, @Nullable Ref x) throws SQLException {
    ps().setRef(parameterIndex, x);
    replay = null;
  }

  @Override
  public void setRowId(int parameterIndex, @Nullable RowId x) throws SQLException {
    ps().setRowId(parameterIndex, x);
    replay = null;
  }

  @Override
  public void setSQLXML(int parameterIndex, @Nullable SQLXML xmlObject) throws SQLException {
    ps().setSQLXML(parameterIndex, xmlObject);
    replay = null;
  }

  @Override
  public void setUnicodeStream(int parameterIndex, @Nullable InputStream x, int length)
      throws SQLException {
    ps().setUnicodeStream(parameterIndex, x, length);
    replay = null;
  }
}
