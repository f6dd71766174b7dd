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
 * The column getters of {@link RoutedResultSet} by column label, forwarded to the driver's result
 * set. {@code RoutedDelegationTest} fails when one is not forwarded.
 */
abstract class ResultSetGettersByLabel extends ResultSetGettersByIndex {
  ResultSetGettersByLabel(ResultSet target) {
    super(target);
  }

  @Override
  public @Nullable Array getArray(@Nullable String columnLabel) throws SQLException {
    return target.getArray(columnLabel);
  }

  @Override
  public @Nullable InputStream getAsciiStream(@Nullable String columnLabel) throws SQLException {
    return target.getAsciiStream(columnLabel);
  }

  @Override
  public @Nullable BigDecimal getBigDecimal(@Nullable String columnLabel) throws SQLException {
    return target.getBigDecimal(columnLabel);
  }

  @Override
  public @Nullable BigDecimal getBigDecimal(@Nullable String columnLabel, int scale)
      throws SQLException {
    return target.getBigDecimal(columnLabel, scale);
  }

  @Override
  public @Nullable InputStream getBinaryStream(@Nullable String columnLabel) throws SQLException {
    return target.getBinaryStream(columnLabel);
  }

  @Override
  public @Nullable Blob getBlob(@Nullable String columnLabel) throws SQLException {
    return target.getBlob(columnLabel);
  }

  @Override
  public boolean getBoolean(@Nullable String columnLabel) throws SQLException {
    return target.getBoolean(columnLabel);
  }

  @Override
  public byte getByte(@Nullable String columnLabel) throws SQLException {
    return target.getByte(columnLabel);
  }

  @Override
  public byte[] getBytes(@Nullable String columnLabel) throws SQLException {
    return target.getBytes(columnLabel);
  }

  @Override
  public @Nullable Reader getCharacterStream(@Nullable String columnLabel) throws SQLException {
    return target.getCharacterStream(columnLabel);
  }

  @Override
  public @Nullable Clob getClob(@Nullable String columnLabel) throws SQLException {
    return target.getClob(columnLabel);
  }

  @Override
  public @Nullable Date getDate(@Nullable String columnLabel) throws SQLException {
    return target.getDate(columnLabel);
  }

  @Override
  public @Nullable Date getDate(@Nullable String columnLabel, @Nullable Calendar cal)
      throws SQLException {
    return target.getDate(columnLabel, cal);
  }

  @Override
  public double getDouble(@Nullable String columnLabel) throws SQLException {
    return target.getDouble(columnLabel);
  }

  @Override
  public float getFloat(@Nullable String columnLabel) throws SQLException {
    return target.getFloat(columnLabel);
  }

  @Override
  public int getInt(@Nullable String columnLabel) throws SQLException {
    return target.getInt(columnLabel);
  }

  @Override
  public long getLong(@Nullable String columnLabel) throws SQLException {
    return target.getLong(columnLabel);
  }

  @Override
  public @Nullable Reader getNCharacterStream(@Nullable String columnLabel) throws SQLException {
    return target.getNCharacterStream(columnLabel);
  }

  @Override
  public @Nullable NClob getNClob(@Nullable String columnLabel) throws SQLException {
    return target.getNClob(columnLabel);
  }

  @Override
  public @Nullable String getNString(@Nullable String columnLabel) throws SQLException {
    return target.getNString(columnLabel);
  }

  @Override
  public @Nullable Object getObject(@Nullable String columnLabel) throws SQLException {
    return target.getObject(columnLabel);
  }

  @Override
  public <T> T getObject(@Nullable String columnLabel, Class<T> type) throws SQLException {
    return target.getObject(columnLabel, type);
  }

  @Override
  public @Nullable Object getObject(
      @Nullable String columnLabel, @Nullable Map<String, Class<?>> map) throws SQLException {
    return target.getObject(columnLabel, map);
  }

  @Override
  public @Nullable Ref getRef(@Nullable String columnLabel) throws SQLException {
    return target.getRef(columnLabel);
  }

  @Override
  public @Nullable RowId getRowId(@Nullable String columnLabel) throws SQLException {
    return target.getRowId(columnLabel);
  }

  @Override
  public @Nullable SQLXML getSQLXML(@Nullable String columnLabel) throws SQLException {
    return target.getSQLXML(columnLabel);
  }

  @Override
  public short getShort(@Nullable String columnLabel) throws SQLException {
    return target.getShort(columnLabel);
  }

  @Override
  public @Nullable String getString(@Nullable String columnLabel) throws SQLException {
    return target.getString(columnLabel);
  }

  @Override
  public @Nullable Time getTime(@Nullable String columnLabel) throws SQLException {
    return target.getTime(columnLabel);
  }

  @Override
  public @Nullable Time getTime(@Nullable String columnLabel, @Nullable Calendar cal)
      throws SQLException {
    return target.getTime(columnLabel, cal);
  }

  @Override
  public @Nullable Timestamp getTimestamp(@Nullable String columnLabel) throws SQLException {
    return target.getTimestamp(columnLabel);
  }

  @Override
  public @Nullable Timestamp getTimestamp(@Nullable String columnLabel, @Nullable Calendar cal)
      throws SQLException {
    return target.getTimestamp(columnLabel, cal);
  }

  @Override
  public @Nullable URL getURL(@Nullable String columnLabel) throws SQLException {
    return target.getURL(columnLabel);
  }

  @Override
  public @Nullable InputStream getUnicodeStream(@Nullable String columnLabel) throws SQLException {
    return target.getUnicodeStream(columnLabel);
  }
}
