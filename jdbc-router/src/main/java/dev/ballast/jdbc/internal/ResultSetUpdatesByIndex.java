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
 * The column updaters of {@link RoutedResultSet} (updatable result sets) by column index, forwarded
 * to the driver's result set. {@code RoutedDelegationTest} fails when one is not forwarded.
 */
abstract class ResultSetUpdatesByIndex extends ResultSetGettersByLabel {
  ResultSetUpdatesByIndex(ResultSet target) {
    super(target);
  }

  @Override
  public void updateArray(int columnIndex, @Nullable Array x) throws SQLException {
    target.updateArray(columnIndex, x);
  }

  @Override
  public void updateAsciiStream(int columnIndex, @Nullable InputStream x) throws SQLException {
    target.updateAsciiStream(columnIndex, x);
  }

  @Override
  public void updateAsciiStream(int columnIndex, @Nullable InputStream x, int length)
      throws SQLException {
    target.updateAsciiStream(columnIndex, x, length);
  }

  @Override
  public void updateAsciiStream(int columnIndex, @Nullable InputStream x, long length)
      throws SQLException {
    target.updateAsciiStream(columnIndex, x, length);
  }

  @Override
  public void updateBigDecimal(int columnIndex, @Nullable BigDecimal x) throws SQLException {
    target.updateBigDecimal(columnIndex, x);
  }

  @Override
  public void updateBinaryStream(int columnIndex, @Nullable InputStream x) throws SQLException {
    target.updateBinaryStream(columnIndex, x);
  }

  @Override
  public void updateBinaryStream(int columnIndex, @Nullable InputStream x, int length)
      throws SQLException {
    target.updateBinaryStream(columnIndex, x, length);
  }

  @Override
  public void updateBinaryStream(int columnIndex, @Nullable InputStream x, long length)
      throws SQLException {
    target.updateBinaryStream(columnIndex, x, length);
  }

  @Override
  public void updateBlob(int columnIndex, @Nullable Blob x) throws SQLException {
    target.updateBlob(columnIndex, x);
  }

  @Override
  public void updateBlob(int columnIndex, @Nullable InputStream inputStream) throws SQLException {
    target.updateBlob(columnIndex, inputStream);
  }

  @Override
  public void updateBlob(int columnIndex, @Nullable InputStream inputStream, long length)
      throws SQLException {
    target.updateBlob(columnIndex, inputStream, length);
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws SQLException {
    target.updateBoolean(columnIndex, x);
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws SQLException {
    target.updateByte(columnIndex, x);
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws SQLException {
    target.updateBytes(columnIndex, x);
  }

  @Override
  public void updateCharacterStream(int columnIndex, @Nullable Reader x) throws SQLException {
    target.updateCharacterStream(columnIndex, x);
  }

  @Override
  public void updateCharacterStream(int columnIndex, @Nullable Reader x, int length)
      throws SQLException {
    target.updateCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateCharacterStream(int columnIndex, @Nullable Reader x, long length)
      throws SQLException {
    target.updateCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateClob(int columnIndex, @Nullable Clob x) throws SQLException {
    target.updateClob(columnIndex, x);
  }

  @Override
  public void updateClob(int columnIndex, @Nullable Reader reader) throws SQLException {
    target.updateClob(columnIndex, reader);
  }

  @Override
  public void updateClob(int columnIndex, @Nullable Reader reader, long length)
      throws SQLException {
    target.updateClob(columnIndex, reader, length);
  }

  @Override
  public void updateDate(int columnIndex, @Nullable Date x) throws SQLException {
    target.updateDate(columnIndex, x);
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws SQLException {
    target.updateDouble(columnIndex, x);
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws SQLException {
    target.updateFloat(columnIndex, x);
  }

  @Override
  public void updateInt(int columnIndex, int x) throws SQLException {
    target.updateInt(columnIndex, x);
  }

  @Override
  public void updateLong(int columnIndex, long x) throws SQLException {
    target.updateLong(columnIndex, x);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, @Nullable Reader x) throws SQLException {
    target.updateNCharacterStream(columnIndex, x);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, @Nullable Reader x, long length)
      throws SQLException {
    target.updateNCharacterStream(columnIndex, x, length);
  }

  @Override
  public void updateNClob(int columnIndex, @Nullable NClob nClob) throws SQLException {
    target.updateNClob(columnIndex, nClob);
  }

  @Override
  public void updateNClob(int columnIndex, @Nullable Reader reader) throws SQLException {
    target.updateNClob(columnIndex, reader);
  }

  @Override
  public void updateNClob(int columnIndex, @Nullable Reader reader, long length)
      throws SQLException {
    target.updateNClob(columnIndex, reader, length);
  }

  @Override
  public void updateNString(int columnIndex, @Nullable String nString) throws SQLException {
    target.updateNString(columnIndex, nString);
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    target.updateNull(columnIndex);
  }

  @Override
  public void updateObject(int columnIndex, @Nullable Object x) throws SQLException {
    target.updateObject(columnIndex, x);
  }

  @Override
  public void updateObject(int columnIndex, @Nullable Object x, @Nullable SQLType targetSqlType)
      throws SQLException {
    target.updateObject(columnIndex, x, targetSqlType);
  }

  @Override
  public void updateObject(int columnIndex, @Nullable Object x, int scaleOrLength)
      throws SQLException {
    target.updateObject(columnIndex, x, scaleOrLength);
  }

  @Override
  public void updateObject(
      int columnIndex, @Nullable Object x, @Nullable SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    target.updateObject(columnIndex, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void updateRef(int columnIndex, @Nullable Ref x) throws SQLException {
    target.updateRef(columnIndex, x);
  }

  @Override
  public void updateRowId(int columnIndex, @Nullable RowId x) throws SQLException {
    target.updateRowId(columnIndex, x);
  }

  @Override
  public void updateSQLXML(int columnIndex, @Nullable SQLXML xmlObject) throws SQLException {
    target.updateSQLXML(columnIndex, xmlObject);
  }

  @Override
  public void updateShort(int columnIndex, short x) throws SQLException {
    target.updateShort(columnIndex, x);
  }

  @Override
  public void updateString(int columnIndex, @Nullable String x) throws SQLException {
    target.updateString(columnIndex, x);
  }

  @Override
  public void updateTime(int columnIndex, @Nullable Time x) throws SQLException {
    target.updateTime(columnIndex, x);
  }

  @Override
  public void updateTimestamp(int columnIndex, @Nullable Timestamp x) throws SQLException {
    target.updateTimestamp(columnIndex, x);
  }
}
