package dev.ballast.jdbc.internal;

import java.sql.CallableStatement;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A routed {@link CallableStatement}: see {@link RoutedStatement}. A call may write, so it is never
 * run again on another host and records nothing for that.
 *
 * <p>The delegation below is generated from {@link CallableStatement}.
 */
final class RoutedCallableStatement extends RoutedPreparedStatement implements CallableStatement {
  RoutedCallableStatement(
      CallableStatement target, StatementOwner owner, Binding binding, String sql) {
    super(target, owner, binding, sql, null);
  }

  private CallableStatement cs() {
    return (CallableStatement) target;
  }

  // ---- generated: plain delegation ------------------------------------------------------------

  @Override
  public java.sql.@Nullable Array getArray(@Nullable String a0) throws SQLException {
    return cs().getArray(a0);
  }

  @Override
  public java.sql.@Nullable Array getArray(int a0) throws SQLException {
    return cs().getArray(a0);
  }

  @Override
  public java.math.@Nullable BigDecimal getBigDecimal(@Nullable String a0) throws SQLException {
    return cs().getBigDecimal(a0);
  }

  @Override
  public java.math.@Nullable BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
    return cs().getBigDecimal(a0, a1);
  }

  @Override
  public java.math.@Nullable BigDecimal getBigDecimal(int a0) throws SQLException {
    return cs().getBigDecimal(a0);
  }

  @Override
  public java.sql.@Nullable Blob getBlob(@Nullable String a0) throws SQLException {
    return cs().getBlob(a0);
  }

  @Override
  public java.sql.@Nullable Blob getBlob(int a0) throws SQLException {
    return cs().getBlob(a0);
  }

  @Override
  public boolean getBoolean(@Nullable String a0) throws SQLException {
    return cs().getBoolean(a0);
  }

  @Override
  public boolean getBoolean(int a0) throws SQLException {
    return cs().getBoolean(a0);
  }

  @Override
  public byte getByte(@Nullable String a0) throws SQLException {
    return cs().getByte(a0);
  }

  @Override
  public byte getByte(int a0) throws SQLException {
    return cs().getByte(a0);
  }

  @Override
  public byte @Nullable [] getBytes(@Nullable String a0) throws SQLException {
    return cs().getBytes(a0);
  }

  @Override
  public byte @Nullable [] getBytes(int a0) throws SQLException {
    return cs().getBytes(a0);
  }

  @Override
  public java.io.@Nullable Reader getCharacterStream(@Nullable String a0) throws SQLException {
    return cs().getCharacterStream(a0);
  }

  @Override
  public java.io.@Nullable Reader getCharacterStream(int a0) throws SQLException {
    return cs().getCharacterStream(a0);
  }

  @Override
  public java.sql.@Nullable Clob getClob(@Nullable String a0) throws SQLException {
    return cs().getClob(a0);
  }

  @Override
  public java.sql.@Nullable Clob getClob(int a0) throws SQLException {
    return cs().getClob(a0);
  }

  @Override
  public java.sql.@Nullable Date getDate(@Nullable String a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return cs().getDate(a0, a1);
  }

  @Override
  public java.sql.@Nullable Date getDate(@Nullable String a0) throws SQLException {
    return cs().getDate(a0);
  }

  @Override
  public java.sql.@Nullable Date getDate(int a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return cs().getDate(a0, a1);
  }

  @Override
  public java.sql.@Nullable Date getDate(int a0) throws SQLException {
    return cs().getDate(a0);
  }

  @Override
  public double getDouble(@Nullable String a0) throws SQLException {
    return cs().getDouble(a0);
  }

  @Override
  public double getDouble(int a0) throws SQLException {
    return cs().getDouble(a0);
  }

  @Override
  public float getFloat(@Nullable String a0) throws SQLException {
    return cs().getFloat(a0);
  }

  @Override
  public float getFloat(int a0) throws SQLException {
    return cs().getFloat(a0);
  }

  @Override
  public int getInt(@Nullable String a0) throws SQLException {
    return cs().getInt(a0);
  }

  @Override
  public int getInt(int a0) throws SQLException {
    return cs().getInt(a0);
  }

  @Override
  public long getLong(@Nullable String a0) throws SQLException {
    return cs().getLong(a0);
  }

  @Override
  public long getLong(int a0) throws SQLException {
    return cs().getLong(a0);
  }

  @Override
  public java.io.@Nullable Reader getNCharacterStream(@Nullable String a0) throws SQLException {
    return cs().getNCharacterStream(a0);
  }

  @Override
  public java.io.@Nullable Reader getNCharacterStream(int a0) throws SQLException {
    return cs().getNCharacterStream(a0);
  }

  @Override
  public java.sql.@Nullable NClob getNClob(@Nullable String a0) throws SQLException {
    return cs().getNClob(a0);
  }

  @Override
  public java.sql.@Nullable NClob getNClob(int a0) throws SQLException {
    return cs().getNClob(a0);
  }

  @Override
  public @Nullable String getNString(@Nullable String a0) throws SQLException {
    return cs().getNString(a0);
  }

  @Override
  public @Nullable String getNString(int a0) throws SQLException {
    return cs().getNString(a0);
  }

  @Override
  public <T> @Nullable T getObject(@Nullable String a0, @Nullable Class<T> a1) throws SQLException {
    return cs().getObject(a0, a1);
  }

  @Override
  public @Nullable Object getObject(
      @Nullable String a0, java.util.@Nullable Map<String, Class<?>> a1) throws SQLException {
    return cs().getObject(a0, a1);
  }

  @Override
  public @Nullable Object getObject(@Nullable String a0) throws SQLException {
    return cs().getObject(a0);
  }

  @Override
  public <T> @Nullable T getObject(int a0, @Nullable Class<T> a1) throws SQLException {
    return cs().getObject(a0, a1);
  }

  @Override
  public @Nullable Object getObject(int a0, java.util.@Nullable Map<String, Class<?>> a1)
      throws SQLException {
    return cs().getObject(a0, a1);
  }

  @Override
  public @Nullable Object getObject(int a0) throws SQLException {
    return cs().getObject(a0);
  }

  @Override
  public java.sql.@Nullable Ref getRef(@Nullable String a0) throws SQLException {
    return cs().getRef(a0);
  }

  @Override
  public java.sql.@Nullable Ref getRef(int a0) throws SQLException {
    return cs().getRef(a0);
  }

  @Override
  public java.sql.@Nullable RowId getRowId(@Nullable String a0) throws SQLException {
    return cs().getRowId(a0);
  }

  @Override
  public java.sql.@Nullable RowId getRowId(int a0) throws SQLException {
    return cs().getRowId(a0);
  }

  @Override
  public java.sql.@Nullable SQLXML getSQLXML(@Nullable String a0) throws SQLException {
    return cs().getSQLXML(a0);
  }

  @Override
  public java.sql.@Nullable SQLXML getSQLXML(int a0) throws SQLException {
    return cs().getSQLXML(a0);
  }

  @Override
  public short getShort(@Nullable String a0) throws SQLException {
    return cs().getShort(a0);
  }

  @Override
  public short getShort(int a0) throws SQLException {
    return cs().getShort(a0);
  }

  @Override
  public @Nullable String getString(@Nullable String a0) throws SQLException {
    return cs().getString(a0);
  }

  @Override
  public @Nullable String getString(int a0) throws SQLException {
    return cs().getString(a0);
  }

  @Override
  public java.sql.@Nullable Time getTime(@Nullable String a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return cs().getTime(a0, a1);
  }

  @Override
  public java.sql.@Nullable Time getTime(@Nullable String a0) throws SQLException {
    return cs().getTime(a0);
  }

  @Override
  public java.sql.@Nullable Time getTime(int a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return cs().getTime(a0, a1);
  }

  @Override
  public java.sql.@Nullable Time getTime(int a0) throws SQLException {
    return cs().getTime(a0);
  }

  @Override
  public java.sql.@Nullable Timestamp getTimestamp(
      @Nullable String a0, java.util.@Nullable Calendar a1) throws SQLException {
    return cs().getTimestamp(a0, a1);
  }

  @Override
  public java.sql.@Nullable Timestamp getTimestamp(@Nullable String a0) throws SQLException {
    return cs().getTimestamp(a0);
  }

  @Override
  public java.sql.@Nullable Timestamp getTimestamp(int a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return cs().getTimestamp(a0, a1);
  }

  @Override
  public java.sql.@Nullable Timestamp getTimestamp(int a0) throws SQLException {
    return cs().getTimestamp(a0);
  }

  @Override
  public java.net.@Nullable URL getURL(@Nullable String a0) throws SQLException {
    return cs().getURL(a0);
  }

  @Override
  public java.net.@Nullable URL getURL(int a0) throws SQLException {
    return cs().getURL(a0);
  }

  @Override
  public void registerOutParameter(@Nullable String a0, int a1, @Nullable String a2)
      throws SQLException {
    cs().registerOutParameter(a0, a1, a2);
  }

  @Override
  public void registerOutParameter(@Nullable String a0, int a1, int a2) throws SQLException {
    cs().registerOutParameter(a0, a1, a2);
  }

  @Override
  public void registerOutParameter(@Nullable String a0, int a1) throws SQLException {
    cs().registerOutParameter(a0, a1);
  }

  @Override
  public void registerOutParameter(
      @Nullable String a0, java.sql.@Nullable SQLType a1, @Nullable String a2) throws SQLException {
    cs().registerOutParameter(a0, a1, a2);
  }

  @Override
  public void registerOutParameter(@Nullable String a0, java.sql.@Nullable SQLType a1, int a2)
      throws SQLException {
    cs().registerOutParameter(a0, a1, a2);
  }

  @Override
  public void registerOutParameter(@Nullable String a0, java.sql.@Nullable SQLType a1)
      throws SQLException {
    cs().registerOutParameter(a0, a1);
  }

  @Override
  public void registerOutParameter(int a0, int a1, @Nullable String a2) throws SQLException {
    cs().registerOutParameter(a0, a1, a2);
  }

  @Override
  public void registerOutParameter(int a0, int a1, int a2) throws SQLException {
    cs().registerOutParameter(a0, a1, a2);
  }

  @Override
  public void registerOutParameter(int a0, int a1) throws SQLException {
    cs().registerOutParameter(a0, a1);
  }

  @Override
  public void registerOutParameter(int a0, java.sql.@Nullable SQLType a1, @Nullable String a2)
      throws SQLException {
    cs().registerOutParameter(a0, a1, a2);
  }

  @Override
  public void registerOutParameter(int a0, java.sql.@Nullable SQLType a1, int a2)
      throws SQLException {
    cs().registerOutParameter(a0, a1, a2);
  }

  @Override
  public void registerOutParameter(int a0, java.sql.@Nullable SQLType a1) throws SQLException {
    cs().registerOutParameter(a0, a1);
  }

  @Override
  public void setAsciiStream(@Nullable String a0, java.io.@Nullable InputStream a1, int a2)
      throws SQLException {
    cs().setAsciiStream(a0, a1, a2);
  }

  @Override
  public void setAsciiStream(@Nullable String a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    cs().setAsciiStream(a0, a1, a2);
  }

  @Override
  public void setAsciiStream(@Nullable String a0, java.io.@Nullable InputStream a1)
      throws SQLException {
    cs().setAsciiStream(a0, a1);
  }

  @Override
  public void setBigDecimal(@Nullable String a0, java.math.@Nullable BigDecimal a1)
      throws SQLException {
    cs().setBigDecimal(a0, a1);
  }

  @Override
  public void setBinaryStream(@Nullable String a0, java.io.@Nullable InputStream a1, int a2)
      throws SQLException {
    cs().setBinaryStream(a0, a1, a2);
  }

  @Override
  public void setBinaryStream(@Nullable String a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    cs().setBinaryStream(a0, a1, a2);
  }

  @Override
  public void setBinaryStream(@Nullable String a0, java.io.@Nullable InputStream a1)
      throws SQLException {
    cs().setBinaryStream(a0, a1);
  }

  @Override
  public void setBlob(@Nullable String a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    cs().setBlob(a0, a1, a2);
  }

  @Override
  public void setBlob(@Nullable String a0, java.io.@Nullable InputStream a1) throws SQLException {
    cs().setBlob(a0, a1);
  }

  @Override
  public void setBlob(@Nullable String a0, java.sql.@Nullable Blob a1) throws SQLException {
    cs().setBlob(a0, a1);
  }

  @Override
  public void setBoolean(@Nullable String a0, boolean a1) throws SQLException {
    cs().setBoolean(a0, a1);
  }

  @Override
  public void setByte(@Nullable String a0, byte a1) throws SQLException {
    cs().setByte(a0, a1);
  }

  @Override
  public void setBytes(@Nullable String a0, byte @Nullable [] a1) throws SQLException {
    cs().setBytes(a0, a1);
  }

  @Override
  public void setCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1, int a2)
      throws SQLException {
    cs().setCharacterStream(a0, a1, a2);
  }

  @Override
  public void setCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    cs().setCharacterStream(a0, a1, a2);
  }

  @Override
  public void setCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1)
      throws SQLException {
    cs().setCharacterStream(a0, a1);
  }

  @Override
  public void setClob(@Nullable String a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    cs().setClob(a0, a1, a2);
  }

  @Override
  public void setClob(@Nullable String a0, java.io.@Nullable Reader a1) throws SQLException {
    cs().setClob(a0, a1);
  }

  @Override
  public void setClob(@Nullable String a0, java.sql.@Nullable Clob a1) throws SQLException {
    cs().setClob(a0, a1);
  }

  @Override
  public void setDate(
      @Nullable String a0, java.sql.@Nullable Date a1, java.util.@Nullable Calendar a2)
      throws SQLException {
    cs().setDate(a0, a1, a2);
  }

  @Override
  public void setDate(@Nullable String a0, java.sql.@Nullable Date a1) throws SQLException {
    cs().setDate(a0, a1);
  }

  @Override
  public void setDouble(@Nullable String a0, double a1) throws SQLException {
    cs().setDouble(a0, a1);
  }

  @Override
  public void setFloat(@Nullable String a0, float a1) throws SQLException {
    cs().setFloat(a0, a1);
  }

  @Override
  public void setInt(@Nullable String a0, int a1) throws SQLException {
    cs().setInt(a0, a1);
  }

  @Override
  public void setLong(@Nullable String a0, long a1) throws SQLException {
    cs().setLong(a0, a1);
  }

  @Override
  public void setNCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    cs().setNCharacterStream(a0, a1, a2);
  }

  @Override
  public void setNCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1)
      throws SQLException {
    cs().setNCharacterStream(a0, a1);
  }

  @Override
  public void setNClob(@Nullable String a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    cs().setNClob(a0, a1, a2);
  }

  @Override
  public void setNClob(@Nullable String a0, java.io.@Nullable Reader a1) throws SQLException {
    cs().setNClob(a0, a1);
  }

  @Override
  public void setNClob(@Nullable String a0, java.sql.@Nullable NClob a1) throws SQLException {
    cs().setNClob(a0, a1);
  }

  @Override
  public void setNString(@Nullable String a0, @Nullable String a1) throws SQLException {
    cs().setNString(a0, a1);
  }

  @Override
  public void setNull(@Nullable String a0, int a1, @Nullable String a2) throws SQLException {
    cs().setNull(a0, a1, a2);
  }

  @Override
  public void setNull(@Nullable String a0, int a1) throws SQLException {
    cs().setNull(a0, a1);
  }

  @Override
  public void setObject(@Nullable String a0, @Nullable Object a1, int a2, int a3)
      throws SQLException {
    cs().setObject(a0, a1, a2, a3);
  }

  @Override
  public void setObject(@Nullable String a0, @Nullable Object a1, int a2) throws SQLException {
    cs().setObject(a0, a1, a2);
  }

  @Override
  public void setObject(
      @Nullable String a0, @Nullable Object a1, java.sql.@Nullable SQLType a2, int a3)
      throws SQLException {
    cs().setObject(a0, a1, a2, a3);
  }

  @Override
  public void setObject(@Nullable String a0, @Nullable Object a1, java.sql.@Nullable SQLType a2)
      throws SQLException {
    cs().setObject(a0, a1, a2);
  }

  @Override
  public void setObject(@Nullable String a0, @Nullable Object a1) throws SQLException {
    cs().setObject(a0, a1);
  }

  @Override
  public void setRowId(@Nullable String a0, java.sql.@Nullable RowId a1) throws SQLException {
    cs().setRowId(a0, a1);
  }

  @Override
  public void setSQLXML(@Nullable String a0, java.sql.@Nullable SQLXML a1) throws SQLException {
    cs().setSQLXML(a0, a1);
  }

  @Override
  public void setShort(@Nullable String a0, short a1) throws SQLException {
    cs().setShort(a0, a1);
  }

  @Override
  public void setString(@Nullable String a0, @Nullable String a1) throws SQLException {
    cs().setString(a0, a1);
  }

  @Override
  public void setTime(
      @Nullable String a0, java.sql.@Nullable Time a1, java.util.@Nullable Calendar a2)
      throws SQLException {
    cs().setTime(a0, a1, a2);
  }

  @Override
  public void setTime(@Nullable String a0, java.sql.@Nullable Time a1) throws SQLException {
    cs().setTime(a0, a1);
  }

  @Override
  public void setTimestamp(
      @Nullable String a0, java.sql.@Nullable Timestamp a1, java.util.@Nullable Calendar a2)
      throws SQLException {
    cs().setTimestamp(a0, a1, a2);
  }

  @Override
  public void setTimestamp(@Nullable String a0, java.sql.@Nullable Timestamp a1)
      throws SQLException {
    cs().setTimestamp(a0, a1);
  }

  @Override
  public void setURL(@Nullable String a0, java.net.@Nullable URL a1) throws SQLException {
    cs().setURL(a0, a1);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return cs().wasNull();
  }
}
