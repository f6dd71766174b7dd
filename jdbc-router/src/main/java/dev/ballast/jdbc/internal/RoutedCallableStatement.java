package dev.ballast.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import org.jspecify.annotations.Nullable;

/**
 * A routed {@link CallableStatement}: see {@link RoutedStatement}. A call may write, so it is never
 * run again on another host and records nothing for that. This class holds the IN parameters by
 * name given as objects, streams, readers and LOBs, forwarded to the physical statement; the plain
 * values are in {@link CallableValuesByName}, the OUT parameters in {@link CallableOutByIndex} and
 * {@link CallableOutByName}. {@code RoutedDelegationTest} fails when a method is not forwarded.
 */
final class RoutedCallableStatement extends CallableValuesByName {
  RoutedCallableStatement(
      CallableStatement target, StatementOwner owner, Binding binding, String sql) {
    super(target, owner, binding, sql);
  }

  private CallableStatement cs() {
    return (CallableStatement) target;
  }

  @Override
  public void setAsciiStream(@Nullable String parameterName, @Nullable InputStream x)
      throws SQLException {
    cs().setAsciiStream(parameterName, x);
  }

  @Override
  public void setAsciiStream(@Nullable String parameterName, @Nullable InputStream x, int length)
      throws SQLException {
    cs().setAsciiStream(parameterName, x, length);
  }

  @Override
  public void setAsciiStream(@Nullable String parameterName, @Nullable InputStream x, long length)
      throws SQLException {
    cs().setAsciiStream(parameterName, x, length);
  }

  @Override
  public void setBinaryStream(@Nullable String parameterName, @Nullable InputStream x)
      throws SQLException {
    cs().setBinaryStream(parameterName, x);
  }

  @Override
  public void setBinaryStream(@Nullable String parameterName, @Nullable InputStream x, int length)
      throws SQLException {
    cs().setBinaryStream(parameterName, x, length);
  }

  @Override
  public void setBinaryStream(@Nullable String parameterName, @Nullable InputStream x, long length)
      throws SQLException {
    cs().setBinaryStream(parameterName, x, length);
  }

  @Override
  public void setBlob(@Nullable String parameterName, @Nullable Blob x) throws SQLException {
    cs().setBlob(parameterName, x);
  }

  @Override
  public void setBlob(@Nullable String parameterName, @Nullable InputStream inputStream)
      throws SQLException {
    cs().setBlob(parameterName, inputStream);
  }

  @Override
  public void setBlob(
      @Nullable String parameterName, @Nullable InputStream inputStream, long length)
      throws SQLException {
    cs().setBlob(parameterName, inputStream, length);
  }

  @Override
  public void setCharacterStream(@Nullable String parameterName, @Nullable Reader reader)
      throws SQLException {
    cs().setCharacterStream(parameterName, reader);
  }

  @Override
  public void setCharacterStream(
      @Nullable String parameterName, @Nullable Reader reader, int length) throws SQLException {
    cs().setCharacterStream(parameterName, reader, length);
  }

  @Override
  public void setCharacterStream(
      @Nullable String parameterName, @Nullable Reader reader, long length) throws SQLException {
    cs().setCharacterStream(parameterName, reader, length);
  }

  @Override
  public void setClob(@Nullable String parameterName, @Nullable Clob x) throws SQLException {
    cs().setClob(parameterName, x);
  }

  @Override
  public void setClob(@Nullable String parameterName, @Nullable Reader reader) throws SQLException {
    cs().setClob(parameterName, reader);
  }

  @Override
  public void setClob(@Nullable String parameterName, @Nullable Reader reader, long length)
      throws SQLException {
    cs().setClob(parameterName, reader, length);
  }

  @Override
  public void setNCharacterStream(@Nullable String parameterName, @Nullable Reader value)
      throws SQLException {
    cs().setNCharacterStream(parameterName, value);
  }

  @Override
  public void setNCharacterStream(
      @Nullable String parameterName, @Nullable Reader value, long length) throws SQLException {
    cs().setNCharacterStream(parameterName, value, length);
  }

  @Override
  public void setNClob(@Nullable String parameterName, @Nullable NClob value) throws SQLException {
    cs().setNClob(parameterName, value);
  }

  @Override
  public void setNClob(@Nullable String parameterName, @Nullable Reader reader)
      throws SQLException {
    cs().setNClob(parameterName, reader);
  }

  @Override
  public void setNClob(@Nullable String parameterName, @Nullable Reader reader, long length)
      throws SQLException {
    cs().setNClob(parameterName, reader, length);
  }

  @Override
  public void setObject(@Nullable String parameterName, @Nullable Object x) throws SQLException {
    cs().setObject(parameterName, x);
  }

  @Override
  public void setObject(
      @Nullable String parameterName, @Nullable Object x, @Nullable SQLType targetSqlType)
      throws SQLException {
    cs().setObject(parameterName, x, targetSqlType);
  }

  @Override
  public void setObject(@Nullable String parameterName, @Nullable Object x, int targetSqlType)
      throws SQLException {
    cs().setObject(parameterName, x, targetSqlType);
  }

  @Override
  public void setObject(
      @Nullable String parameterName,
      @Nullable Object x,
      @Nullable SQLType targetSqlType,
      int scaleOrLength)
      throws SQLException {
    cs().setObject(parameterName, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void setObject(
      @Nullable String parameterName, @Nullable Object x, int targetSqlType, int scale)
      throws SQLException {
    cs().setObject(parameterName, x, targetSqlType, scale);
  }

  @Override
  public void setRowId(@Nullable String parameterName, @Nullable RowId x) throws SQLException {
    cs().setRowId(parameterName, x);
  }

  @Override
  public void setSQLXML(@Nullable String parameterName, @Nullable SQLXML xmlObject)
      throws SQLException {
    cs().setSQLXML(parameterName, xmlObject);
  }
}
