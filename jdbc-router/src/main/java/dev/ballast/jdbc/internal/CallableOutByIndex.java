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
 * The OUT parameters of {@link RoutedCallableStatement} by index: their registration and getters,
 * forwarded to the physical statement. {@code RoutedDelegationTest} fails when one is not
 * forwarded.
 */
abstract class CallableOutByIndex extends RoutedPreparedStatement implements CallableStatement {
  CallableOutByIndex(CallableStatement target, StatementOwner owner, Binding binding, String sql) {
    super(target, owner, binding, sql, null);
  }

  private CallableStatement cs() {
    return (CallableStatement) target;
  }

  @Override
  public @Nullable Array getArray(int parameterIndex) throws SQLException {
    return cs().getArray(parameterIndex);
  }

  @Override
  public @Nullable BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
    return cs().getBigDecimal(parameterIndex);
  }

  @Override
  public @Nullable BigDecimal getBigDecimal(int parameterIndex, int scale) throws SQLException {
    return cs().getBigDecimal(parameterIndex, scale);
  }

  @Override
  public @Nullable Blob getBlob(int parameterIndex) throws SQLException {
    return cs().getBlob(parameterIndex);
  }

  @Override
  public boolean getBoolean(int parameterIndex) throws SQLException {
    return cs().getBoolean(parameterIndex);
  }

  @Override
  public byte getByte(int parameterIndex) throws SQLException {
    return cs().getByte(parameterIndex);
  }

  @Override
  public byte[] getBytes(int parameterIndex) throws SQLException {
    return cs().getBytes(parameterIndex);
  }

  @Override
  public @Nullable Reader getCharacterStream(int parameterIndex) throws SQLException {
    return cs().getCharacterStream(parameterIndex);
  }

  @Override
  public @Nullable Clob getClob(int parameterIndex) throws SQLException {
    return cs().getClob(parameterIndex);
  }

  @Override
  public @Nullable Date getDate(int parameterIndex) throws SQLException {
    return cs().getDate(parameterIndex);
  }

  @Override
  public @Nullable Date getDate(int parameterIndex, @Nullable Calendar cal) throws SQLException {
    return cs().getDate(parameterIndex, cal);
  }

  @Override
  public double getDouble(int parameterIndex) throws SQLException {
    return cs().getDouble(parameterIndex);
  }

  @Override
  public float getFloat(int parameterIndex) throws SQLException {
    return cs().getFloat(parameterIndex);
  }

  @Override
  public int getInt(int parameterIndex) throws SQLException {
    return cs().getInt(parameterIndex);
  }

  @Override
  public long getLong(int parameterIndex) throws SQLException {
    return cs().getLong(parameterIndex);
  }

  @Override
  public @Nullable Reader getNCharacterStream(int parameterIndex) throws SQLException {
    return cs().getNCharacterStream(parameterIndex);
  }

  @Override
  public @Nullable NClob getNClob(int parameterIndex) throws SQLException {
    return cs().getNClob(parameterIndex);
  }

  @Override
  public @Nullable String getNString(int parameterIndex) throws SQLException {
    return cs().getNString(parameterIndex);
  }

  @Override
  public @Nullable Object getObject(int parameterIndex) throws SQLException {
    return cs().getObject(parameterIndex);
  }

  @Override
  public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
    return cs().getObject(parameterIndex, type);
  }

  @Override
  public @Nullable Object getObject(int parameterIndex, @Nullable Map<String, Class<?>> map)
      throws SQLException {
    return cs().getObject(parameterIndex, map);
  }

  @Override
  public @Nullable Ref getRef(int parameterIndex) throws SQLException {
    return cs().getRef(parameterIndex);
  }

  @Override
  public @Nullable RowId getRowId(int parameterIndex) throws SQLException {
    return cs().getRowId(parameterIndex);
  }

  @Override
  public @Nullable SQLXML getSQLXML(int parameterIndex) throws SQLException {
    return cs().getSQLXML(parameterIndex);
  }

  @Override
  public short getShort(int parameterIndex) throws SQLException {
    return cs().getShort(parameterIndex);
  }

  @Override
  public @Nullable String getString(int parameterIndex) throws SQLException {
    return cs().getString(parameterIndex);
  }

  @Override
  public @Nullable Time getTime(int parameterIndex) throws SQLException {
    return cs().getTime(parameterIndex);
  }

  @Override
  public @Nullable Time getTime(int parameterIndex, @Nullable Calendar cal) throws SQLException {
    return cs().getTime(parameterIndex, cal);
  }

  @Override
  public @Nullable Timestamp getTimestamp(int parameterIndex) throws SQLException {
    return cs().getTimestamp(parameterIndex);
  }

  @Override
  public @Nullable Timestamp getTimestamp(int parameterIndex, @Nullable Calendar cal)
      throws SQLException {
    return cs().getTimestamp(parameterIndex, cal);
  }

  @Override
  public @Nullable URL getURL(int parameterIndex) throws SQLException {
    return cs().getURL(parameterIndex);
  }

  @Override
  public void registerOutParameter(int parameterIndex, @Nullable SQLType sqlType)
      throws SQLException {
    cs().registerOutParameter(parameterIndex, sqlType);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType) throws SQLException {
    cs().registerOutParameter(parameterIndex, sqlType);
  }

  @Override
  public void registerOutParameter(
      int parameterIndex, @Nullable SQLType sqlType, @Nullable String typeName)
      throws SQLException {
    cs().registerOutParameter(parameterIndex, sqlType, typeName);
  }

  @Override
  public void registerOutParameter(int parameterIndex, @Nullable SQLType sqlType, int scale)
      throws SQLException {
    cs().registerOutParameter(parameterIndex, sqlType, scale);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType, @Nullable String typeName)
      throws SQLException {
    cs().registerOutParameter(parameterIndex, sqlType, typeName);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType, int scale) throws SQLException {
    cs().registerOutParameter(parameterIndex, sqlType, scale);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return cs().wasNull();
  }
}
