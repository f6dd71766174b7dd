package dev.ballast.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import org.jspecify.annotations.Nullable;

/**
 * The column updaters of {@link RoutedResultSet} (updatable result sets) by column label, forwarded
 * to the driver's result set. {@code RoutedDelegationTest} fails when one is not forwarded.
 */
abstract class ResultSetUpdatesByLabel extends ResultSetUpdatesByIndex {
  ResultSetUpdatesByLabel(ResultSet target) {
    super(target);
  }

  @Override
  public void updateArray(@Nullable String columnLabel, @Nullable Array x) throws SQLException {
    target.updateArray(columnLabel, x);
  }

  @Override
  public void updateAsciiStream(@Nullable String columnLabel, @Nullable InputStream x)
      throws SQLException {
    target.updateAsciiStream(columnLabel, x);
  }

  @Override
  public void updateAsciiStream(@Nullable String columnLabel, @Nullable InputStream x, int length)
      throws SQLException {
    target.updateAsciiStream(columnLabel, x, length);
  }

  @Override
  public void updateAsciiStream(@Nullable String columnLabel, @Nullable InputStream x, long length)
      throws SQLException {
    target.updateAsciiStream(columnLabel, x, length);
  }

  @Override
  public void updateBigDecimal(@Nullable String columnLabel, @Nullable BigDecimal x)
      throws SQLException {
    target.updateBigDecimal(columnLabel, x);
  }

  @Override
  public void updateBinaryStream(@Nullable String columnLabel, @Nullable InputStream x)
      throws SQLException {
    target.updateBinaryStream(columnLabel, x);
  }

  @Override
  public void updateBinaryStream(@Nullable String columnLabel, @Nullable InputStream x, int length)
      throws SQLException {
    target.updateBinaryStream(columnLabel, x, length);
  }

  @Override
  public void updateBinaryStream(@Nullable String columnLabel, @Nullable InputStream x, long length)
      throws SQLException {
    target.updateBinaryStream(columnLabel, x, length);
  }

  @Override
  public void updateBlob(@Nullable String columnLabel, @Nullable Blob x) throws SQLException {
    target.updateBlob(columnLabel, x);
  }

  @Override
  public void updateBlob(@Nullable String columnLabel, @Nullable InputStream inputStream)
      throws SQLException {
    target.updateBlob(columnLabel, inputStream);
  }

  @Override
  public void updateBlob(
      @Nullable String columnLabel, @Nullable InputStream inputStream, long length)
      throws SQLException {
    target.updateBlob(columnLabel, inputStream, length);
  }

  @Override
  public void updateBoolean(@Nullable String columnLabel, boolean x) throws SQLException {
    target.updateBoolean(columnLabel, x);
  }

  @Override
  public void updateByte(@Nullable String columnLabel, byte x) throws SQLException {
    target.updateByte(columnLabel, x);
  }

  @Override
  public void updateBytes(@Nullable String columnLabel, byte[] x) throws SQLException {
    target.updateBytes(columnLabel, x);
  }

  @Override
  public void updateCharacterStream(@Nullable String columnLabel, @Nullable Reader reader)
      throws SQLException {
    target.updateCharacterStream(columnLabel, reader);
  }

  @Override
  public void updateCharacterStream(
      @Nullable String columnLabel, @Nullable Reader reader, int length) throws SQLException {
    target.updateCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateCharacterStream(
      @Nullable String columnLabel, @Nullable Reader reader, long length) throws SQLException {
    target.updateCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateClob(@Nullable String columnLabel, @Nullable Clob x) throws SQLException {
    target.updateClob(columnLabel, x);
  }

  @Override
  public void updateClob(@Nullable String columnLabel, @Nullable Reader reader)
      throws SQLException {
    target.updateClob(columnLabel, reader);
  }

  @Override
  public void updateClob(@Nullable String columnLabel, @Nullable Reader reader, long length)
      throws SQLException {
    target.updateClob(columnLabel, reader, length);
  }

  @Override
  public void updateDate(@Nullable String columnLabel, @Nullable Date x) throws SQLException {
    target.updateDate(columnLabel, x);
  }

  @Override
  public void updateDouble(@Nullable String columnLabel, double x) throws SQLException {
    target.updateDouble(columnLabel, x);
  }

  @Override
  public void updateFloat(@Nullable String columnLabel, float x) throws SQLException {
    target.updateFloat(columnLabel, x);
  }

  @Override
  public void updateInt(@Nullable String columnLabel, int x) throws SQLException {
    target.updateInt(columnLabel, x);
  }

  @Override
  public void updateLong(@Nullable String columnLabel, long x) throws SQLException {
    target.updateLong(columnLabel, x);
  }

  @Override
  public void updateNCharacterStream(@Nullable String columnLabel, @Nullable Reader reader)
      throws SQLException {
    target.updateNCharacterStream(columnLabel, reader);
  }

  @Override
  public void updateNCharacterStream(
      @Nullable String columnLabel, @Nullable Reader reader, long length) throws SQLException {
    target.updateNCharacterStream(columnLabel, reader, length);
  }

  @Override
  public void updateNClob(@Nullable String columnLabel, @Nullable NClob nClob) throws SQLException {
    target.updateNClob(columnLabel, nClob);
  }

  @Override
  public void updateNClob(@Nullable String columnLabel, @Nullable Reader reader)
      throws SQLException {
    target.updateNClob(columnLabel, reader);
  }

  @Override
  public void updateNClob(@Nullable String columnLabel, @Nullable Reader reader, long length)
      throws SQLException {
    target.updateNClob(columnLabel, reader, length);
  }

  @Override
  public void updateNString(@Nullable String columnLabel, @Nullable String nString)
      throws SQLException {
    target.updateNString(columnLabel, nString);
  }

  @Override
  public void updateNull(@Nullable String columnLabel) throws SQLException {
    target.updateNull(columnLabel);
  }

  @Override
  public void updateObject(@Nullable String columnLabel, @Nullable Object x) throws SQLException {
    target.updateObject(columnLabel, x);
  }

  @Override
  public void updateObject(
      @Nullable String columnLabel, @Nullable Object x, @Nullable SQLType targetSqlType)
      throws SQLException {
    target.updateObject(columnLabel, x, targetSqlType);
  }

  @Override
  public void updateObject(@Nullable String columnLabel, @Nullable Object x, int scaleOrLength)
      throws SQLException {
    target.updateObject(columnLabel, x, scaleOrLength);
  }

  @Override
  public void updateObject(
      @Nullable String columnLabel,
      @Nullable Object x,
      @Nullable SQLType targetSqlType,
      int scaleOrLength)
      throws SQLException {
    target.updateObject(columnLabel, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void updateRef(@Nullable String columnLabel, @Nullable Ref x) throws SQLException {
    target.updateRef(columnLabel, x);
  }

  @Override
  public void updateRowId(@Nullable String columnLabel, @Nullable RowId x) throws SQLException {
    target.updateRowId(columnLabel, x);
  }

  @Override
  public void updateSQLXML(@Nullable String columnLabel, @Nullable SQLXML xmlObject)
      throws SQLException {
    target.updateSQLXML(columnLabel, xmlObject);
  }

  @Override
  public void updateShort(@Nullable String columnLabel, short x) throws SQLException {
    target.updateShort(columnLabel, x);
  }

  @Override
  public void updateString(@Nullable String columnLabel, @Nullable String x) throws SQLException {
    target.updateString(columnLabel, x);
  }

  @Override
  public void updateTime(@Nullable String columnLabel, @Nullable Time x) throws SQLException {
    target.updateTime(columnLabel, x);
  }

  @Override
  public void updateTimestamp(@Nullable String columnLabel, @Nullable Timestamp x)
      throws SQLException {
    target.updateTimestamp(columnLabel, x);
  }
}
