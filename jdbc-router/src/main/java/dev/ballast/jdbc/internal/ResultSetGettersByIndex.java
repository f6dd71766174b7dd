package dev.ballast.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The column getters of {@link RoutedResultSet} by column index, forwarded to the driver's result
 * set. {@code RoutedDelegationTest} fails when one is not forwarded.
 */
abstract class ResultSetGettersByIndex extends ForwardingResultSet {
  ResultSetGettersByIndex(ResultSet target) {
    super(target);
  }

  @Override
  public @Nullable Array getArray(int columnIndex) throws SQLException {
    return target.getArray(columnIndex);
  }

  @Override
  public @Nullable InputStream getAsciiStream(int columnIndex) throws SQLException {
    return target.getAsciiStream(columnIndex);
  }

  @Override
  public @Nullable BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return target.getBigDecimal(columnIndex);
  }

  @Override
  public @Nullable BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    return target.getBigDecimal(columnIndex, scale);
  }

  @Override
  public @Nullable InputStream getBinaryStream(int columnIndex) throws SQLException {
    return target.getBinaryStream(columnIndex);
  }

  @Override
  public @Nullable Blob getBlob(int columnIndex) throws SQLException {
    return target.getBlob(columnIndex);
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    return target.getBoolean(columnIndex);
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return target.getByte(columnIndex);
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    return target.getBytes(columnIndex);
  }

  @Override
  public @Nullable Reader getCharacterStream(int columnIndex) throws SQLException {
    return target.getCharacterStream(columnIndex);
  }

  @Override
  public @Nullable Clob getClob(int columnIndex) throws SQLException {
    return target.getClob(columnIndex);
  }

  @Override
  public @Nullable Date getDate(int columnIndex) throws SQLException {
    return target.getDate(columnIndex);
  }

  @Override
  public @Nullable Date getDate(int columnIndex, @Nullable Calendar cal) throws SQLException {
    return target.getDate(columnIndex, cal);
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    return target.getDouble(columnIndex);
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    return target.getFloat(columnIndex);
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return target.getInt(columnIndex);
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return target.getLong(columnIndex);
  }

  @Override
  public @Nullable Reader getNCharacterStream(int columnIndex) throws SQLException {
    return target.getNCharacterStream(columnIndex);
  }

  @Override
  public @Nullable NClob getNClob(int columnIndex) throws SQLException {
    return target.getNClob(columnIndex);
  }

  @Override
  public @Nullable String getNString(int columnIndex) throws SQLException {
    return target.getNString(columnIndex);
  }

  @Override
  public @Nullable Object getObject(int columnIndex) throws SQLException {
    return target.getObject(columnIndex);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    return target.getObject(columnIndex, type);
  }

  @Override
  public @Nullable Object getObject(int columnIndex, @Nullable Map<String, Class<?>> map)
      throws SQLException {
    return target.getObject(columnIndex, map);
  }

  @Override
  public @Nullable Ref getRef(int columnIndex) throws SQLException {
    return target.getRef(columnIndex);
  }

  @Override
  public @Nullable RowId getRowId(int columnIndex) throws SQLException {
    return target.getRowId(columnIndex);
  }

  @Override
  public @Nullable SQLXML getSQLXML(int columnIndex) throws SQLException {
    return target.getSQLXML(columnIndex);
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return target.getShort(columnIndex);
  }

  @Override
  public @Nullable String getString(int columnIndex) throws SQLException {
    return target.getString(columnIndex);
  }

  @Override
  public @Nullable Time getTime(int columnIndex) throws SQLException {
    return target.getTime(columnIndex);
  }

  @Override
  public @Nullable Time getTime(int columnIndex, @Nullable Calendar cal) throws SQLException {
    return target.getTime(columnIndex, cal);
  }

  @Override
  public @Nullable Timestamp getTimestamp(int columnIndex) throws SQLException {
    return target.getTimestamp(columnIndex);
  }

  @Override
  public @Nullable Timestamp getTimestamp(int columnIndex, @Nullable Calendar cal)
      throws SQLException {
    return target.getTimestamp(columnIndex, cal);
  }

  @Override
  public @Nullable URL getURL(int columnIndex) throws SQLException {
    return target.getURL(columnIndex);
  }

  @Override
  public @Nullable InputStream getUnicodeStream(int columnIndex) throws SQLException {
    return target.getUnicodeStream(columnIndex);
  }
}
