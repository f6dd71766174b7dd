package dev.ballast.jdbc.internal;

import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OUT parameters of {@link RoutedCallableStatement} by name: their registration and getters,
 * forwarded to the physical statement. {@code RoutedDelegationTest} fails when one is not
 * forwarded.
 */
abstract class CallableOutByName extends CallableOutByIndex {
  CallableOutByName(CallableStatement target, StatementOwner owner, Binding binding, String sql) {
    super(target, owner, binding, sql);
  }

  private CallableStatement cs() {
    return (CallableStatement) target;
  }

  @Override
  public @Nullable Array getArray(@Nullable String parameterName) throws SQLException {
    return cs().getArray(parameterName);
  }

  @Override
  public @Nullable BigDecimal getBigDecimal(@Nullable String parameterName) throws SQLException {
    return cs().getBigDecimal(parameterName);
  }

  @Override
  public @Nullable Blob getBlob(@Nullable String parameterName) throws SQLException {
    return cs().getBlob(parameterName);
  }

  @Override
  public boolean getBoolean(@Nullable String parameterName) throws SQLException {
    return cs().getBoolean(parameterName);
  }

  @Override
  public byte getByte(@Nullable String parameterName) throws SQLException {
    return cs().getByte(parameterName);
  }

  @Override
  public byte[] getBytes(@Nullable String parameterName) throws SQLException {
    return cs().getBytes(parameterName);
  }

  @Override
  public @Nullable Reader getCharacterStream(@Nullable String parameterName) throws SQLException {
    return cs().getCharacterStream(parameterName);
  }

  @Override
  public @Nullable Clob getClob(@Nullable String parameterName) throws SQLException {
    return cs().getClob(parameterName);
  }

  @Override
  public @Nullable Date getDate(@Nullable String parameterName) throws SQLException {
    return cs().getDate(parameterName);
  }

  @Override
  public @Nullable Date getDate(@Nullable String parameterName, @Nullable Calendar cal)
      throws SQLException {
    return cs().getDate(parameterName, cal);
  }

  @Override
  public double getDouble(@Nullable String parameterName) throws SQLException {
    return cs().getDouble(parameterName);
  }

  @Override
  public float getFloat(@Nullable String parameterName) throws SQLException {
    return cs().getFloat(parameterName);
  }

  @Override
  public int getInt(@Nullable String parameterName) throws SQLException {
    return cs().getInt(parameterName);
  }

  @Override
  public long getLong(@Nullable String parameterName) throws SQLException {
    return cs().getLong(parameterName);
  }

  @Override
  public @Nullable Reader getNCharacterStream(@Nullable String parameterName) throws SQLException {
    return cs().getNCharacterStream(parameterName);
  }

  @Override
  public @Nullable NClob getNClob(@Nullable String parameterName) throws SQLException {
    return cs().getNClob(parameterName);
  }

  @Override
  public @Nullable String getNString(@Nullable String parameterName) throws SQLException {
    return cs().getNString(parameterName);
  }

  @Override
  public @Nullable Object getObject(@Nullable String parameterName) throws SQLException {
    return cs().getObject(parameterName);
  }

  @Override
  public <T> T getObject(@Nullable String parameterName, Class<T> type) throws SQLException {
    return cs().getObject(parameterName, type);
  }

  @Override
  public @Nullable Object getObject(
      @Nullable String parameterName, @Nullable Map<String, Class<?>> map) throws SQLException {
    return cs().getObject(parameterName, map);
  }

  @Override
  public @Nullable Ref getRef(@Nullable String parameterName) throws SQLException {
    return cs().getRef(parameterName);
  }

  @Override
  public @Nullable RowId getRowId(@Nullable String parameterName) throws SQLException {
    return cs().getRowId(parameterName);
  }

  @Override
  public @Nullable SQLXML getSQLXML(@Nullable String parameterName) throws SQLException {
    return cs().getSQLXML(parameterName);
  }

  @Override
  public short getShort(@Nullable String parameterName) throws SQLException {
    return cs().getShort(parameterName);
  }

  @Override
  public @Nullable String getString(@Nullable String parameterName) throws SQLException {
    return cs().getString(parameterName);
  }

  @Override
  public @Nullable Time getTime(@Nullable String parameterName) throws SQLException {
    return cs().getTime(parameterName);
  }

  @Override
  public @Nullable Time getTime(@Nullable String parameterName, @Nullable Calendar cal)
      throws SQLException {
    return cs().getTime(parameterName, cal);
  }

  @Override
  public @Nullable Timestamp getTimestamp(@Nullable String parameterName) throws SQLException {
    return cs().getTimestamp(parameterName);
  }

  @Override
  public @Nullable Timestamp getTimestamp(@Nullable String parameterName, @Nullable Calendar cal)
      throws SQLException {
    return cs().getTimestamp(parameterName, cal);
  }

  @Override
  public @Nullable URL getURL(@Nullable String parameterName) throws SQLException {
    return cs().getURL(parameterName);
  }

  @Override
  public void registerOutParameter(@Nullable String parameterName, @Nullable SQLType sqlType)
      throws SQLException {
    cs().registerOutParameter(parameterName, sqlType);
  }

  @Override
  public void registerOutParameter(@Nullable String parameterName, int sqlType)
      throws SQLException {
    cs().registerOutParameter(parameterName, sqlType);
  }

  @Override
  public void registerOutParameter(
      @Nullable String parameterName, @Nullable SQLType sqlType, @Nullable String typeName)
      throws SQLException {
    cs().registerOutParameter(parameterName, sqlType, typeName);
  }

  @Override
  public void registerOutParameter(
      @Nullable String parameterName, @Nullable SQLType sqlType, int scale) throws SQLException {
    cs().registerOutParameter(parameterName, sqlType, scale);
  }

  @Override
  public void registerOutParameter(
      @Nullable String parameterName, int sqlType, @Nullable String typeName) throws SQLException {
    cs().registerOutParameter(parameterName, sqlType, typeName);
  }

  @Override
  public void registerOutParameter(@Nullable String parameterName, int sqlType, int scale)
      throws SQLException {
    cs().registerOutParameter(parameterName, sqlType, scale);
  }
}
