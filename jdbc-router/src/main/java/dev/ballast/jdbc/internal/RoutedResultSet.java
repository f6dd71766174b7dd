package dev.ballast.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * A result set whose {@code getStatement()} returns Ballast's statement (or null for a metadata
 * result), never the pool's or the driver's: a caller cannot reach the physical connection through
 * it. Everything else is plain delegation, generated from {@link ResultSet}.
 */
final class RoutedResultSet implements ResultSet {
  final ResultSet target;
  private final @Nullable Statement statement;

  RoutedResultSet(ResultSet target, @Nullable Statement statement) {
    this.target = target;
    this.statement = statement;
  }

  @Override
  public @Nullable Statement getStatement() {
    return statement;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "RoutedResultSet[" + target + "]";
  }

  // ---- generated: plain delegation ------------------------------------------------------------

  @Override
  public boolean absolute(int a0) throws SQLException {
    return target.absolute(a0);
  }

  @Override
  public void afterLast() throws SQLException {
    target.afterLast();
  }

  @Override
  public void beforeFirst() throws SQLException {
    target.beforeFirst();
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    target.cancelRowUpdates();
  }

  @Override
  public void clearWarnings() throws SQLException {
    target.clearWarnings();
  }

  @Override
  public void close() throws SQLException {
    target.close();
  }

  @Override
  public void deleteRow() throws SQLException {
    target.deleteRow();
  }

  @Override
  public int findColumn(@Nullable String a0) throws SQLException {
    return target.findColumn(a0);
  }

  @Override
  public boolean first() throws SQLException {
    return target.first();
  }

  @Override
  public java.sql.@Nullable Array getArray(@Nullable String a0) throws SQLException {
    return target.getArray(a0);
  }

  @Override
  public java.sql.@Nullable Array getArray(int a0) throws SQLException {
    return target.getArray(a0);
  }

  @Override
  public java.io.@Nullable InputStream getAsciiStream(@Nullable String a0) throws SQLException {
    return target.getAsciiStream(a0);
  }

  @Override
  public java.io.@Nullable InputStream getAsciiStream(int a0) throws SQLException {
    return target.getAsciiStream(a0);
  }

  @Override
  public java.math.@Nullable BigDecimal getBigDecimal(@Nullable String a0, int a1)
      throws SQLException {
    return target.getBigDecimal(a0, a1);
  }

  @Override
  public java.math.@Nullable BigDecimal getBigDecimal(@Nullable String a0) throws SQLException {
    return target.getBigDecimal(a0);
  }

  @Override
  public java.math.@Nullable BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
    return target.getBigDecimal(a0, a1);
  }

  @Override
  public java.math.@Nullable BigDecimal getBigDecimal(int a0) throws SQLException {
    return target.getBigDecimal(a0);
  }

  @Override
  public java.io.@Nullable InputStream getBinaryStream(@Nullable String a0) throws SQLException {
    return target.getBinaryStream(a0);
  }

  @Override
  public java.io.@Nullable InputStream getBinaryStream(int a0) throws SQLException {
    return target.getBinaryStream(a0);
  }

  @Override
  public java.sql.@Nullable Blob getBlob(@Nullable String a0) throws SQLException {
    return target.getBlob(a0);
  }

  @Override
  public java.sql.@Nullable Blob getBlob(int a0) throws SQLException {
    return target.getBlob(a0);
  }

  @Override
  public boolean getBoolean(@Nullable String a0) throws SQLException {
    return target.getBoolean(a0);
  }

  @Override
  public boolean getBoolean(int a0) throws SQLException {
    return target.getBoolean(a0);
  }

  @Override
  public byte getByte(@Nullable String a0) throws SQLException {
    return target.getByte(a0);
  }

  @Override
  public byte getByte(int a0) throws SQLException {
    return target.getByte(a0);
  }

  @Override
  public byte @Nullable [] getBytes(@Nullable String a0) throws SQLException {
    return target.getBytes(a0);
  }

  @Override
  public byte @Nullable [] getBytes(int a0) throws SQLException {
    return target.getBytes(a0);
  }

  @Override
  public java.io.@Nullable Reader getCharacterStream(@Nullable String a0) throws SQLException {
    return target.getCharacterStream(a0);
  }

  @Override
  public java.io.@Nullable Reader getCharacterStream(int a0) throws SQLException {
    return target.getCharacterStream(a0);
  }

  @Override
  public java.sql.@Nullable Clob getClob(@Nullable String a0) throws SQLException {
    return target.getClob(a0);
  }

  @Override
  public java.sql.@Nullable Clob getClob(int a0) throws SQLException {
    return target.getClob(a0);
  }

  @Override
  public int getConcurrency() throws SQLException {
    return target.getConcurrency();
  }

  @Override
  public @Nullable String getCursorName() throws SQLException {
    return target.getCursorName();
  }

  @Override
  public java.sql.@Nullable Date getDate(@Nullable String a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return target.getDate(a0, a1);
  }

  @Override
  public java.sql.@Nullable Date getDate(@Nullable String a0) throws SQLException {
    return target.getDate(a0);
  }

  @Override
  public java.sql.@Nullable Date getDate(int a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return target.getDate(a0, a1);
  }

  @Override
  public java.sql.@Nullable Date getDate(int a0) throws SQLException {
    return target.getDate(a0);
  }

  @Override
  public double getDouble(@Nullable String a0) throws SQLException {
    return target.getDouble(a0);
  }

  @Override
  public double getDouble(int a0) throws SQLException {
    return target.getDouble(a0);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return target.getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return target.getFetchSize();
  }

  @Override
  public float getFloat(@Nullable String a0) throws SQLException {
    return target.getFloat(a0);
  }

  @Override
  public float getFloat(int a0) throws SQLException {
    return target.getFloat(a0);
  }

  @Override
  public int getHoldability() throws SQLException {
    return target.getHoldability();
  }

  @Override
  public int getInt(@Nullable String a0) throws SQLException {
    return target.getInt(a0);
  }

  @Override
  public int getInt(int a0) throws SQLException {
    return target.getInt(a0);
  }

  @Override
  public long getLong(@Nullable String a0) throws SQLException {
    return target.getLong(a0);
  }

  @Override
  public long getLong(int a0) throws SQLException {
    return target.getLong(a0);
  }

  @Override
  public java.sql.@Nullable ResultSetMetaData getMetaData() throws SQLException {
    return target.getMetaData();
  }

  @Override
  public java.io.@Nullable Reader getNCharacterStream(@Nullable String a0) throws SQLException {
    return target.getNCharacterStream(a0);
  }

  @Override
  public java.io.@Nullable Reader getNCharacterStream(int a0) throws SQLException {
    return target.getNCharacterStream(a0);
  }

  @Override
  public java.sql.@Nullable NClob getNClob(@Nullable String a0) throws SQLException {
    return target.getNClob(a0);
  }

  @Override
  public java.sql.@Nullable NClob getNClob(int a0) throws SQLException {
    return target.getNClob(a0);
  }

  @Override
  public @Nullable String getNString(@Nullable String a0) throws SQLException {
    return target.getNString(a0);
  }

  @Override
  public @Nullable String getNString(int a0) throws SQLException {
    return target.getNString(a0);
  }

  @Override
  public <T> @Nullable T getObject(@Nullable String a0, @Nullable Class<T> a1) throws SQLException {
    return target.getObject(a0, a1);
  }

  @Override
  public @Nullable Object getObject(
      @Nullable String a0, java.util.@Nullable Map<String, Class<?>> a1) throws SQLException {
    return target.getObject(a0, a1);
  }

  @Override
  public @Nullable Object getObject(@Nullable String a0) throws SQLException {
    return target.getObject(a0);
  }

  @Override
  public <T> @Nullable T getObject(int a0, @Nullable Class<T> a1) throws SQLException {
    return target.getObject(a0, a1);
  }

  @Override
  public @Nullable Object getObject(int a0, java.util.@Nullable Map<String, Class<?>> a1)
      throws SQLException {
    return target.getObject(a0, a1);
  }

  @Override
  public @Nullable Object getObject(int a0) throws SQLException {
    return target.getObject(a0);
  }

  @Override
  public java.sql.@Nullable Ref getRef(@Nullable String a0) throws SQLException {
    return target.getRef(a0);
  }

  @Override
  public java.sql.@Nullable Ref getRef(int a0) throws SQLException {
    return target.getRef(a0);
  }

  @Override
  public java.sql.@Nullable RowId getRowId(@Nullable String a0) throws SQLException {
    return target.getRowId(a0);
  }

  @Override
  public java.sql.@Nullable RowId getRowId(int a0) throws SQLException {
    return target.getRowId(a0);
  }

  @Override
  public int getRow() throws SQLException {
    return target.getRow();
  }

  @Override
  public java.sql.@Nullable SQLXML getSQLXML(@Nullable String a0) throws SQLException {
    return target.getSQLXML(a0);
  }

  @Override
  public java.sql.@Nullable SQLXML getSQLXML(int a0) throws SQLException {
    return target.getSQLXML(a0);
  }

  @Override
  public short getShort(@Nullable String a0) throws SQLException {
    return target.getShort(a0);
  }

  @Override
  public short getShort(int a0) throws SQLException {
    return target.getShort(a0);
  }

  @Override
  public @Nullable String getString(@Nullable String a0) throws SQLException {
    return target.getString(a0);
  }

  @Override
  public @Nullable String getString(int a0) throws SQLException {
    return target.getString(a0);
  }

  @Override
  public java.sql.@Nullable Time getTime(@Nullable String a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return target.getTime(a0, a1);
  }

  @Override
  public java.sql.@Nullable Time getTime(@Nullable String a0) throws SQLException {
    return target.getTime(a0);
  }

  @Override
  public java.sql.@Nullable Time getTime(int a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return target.getTime(a0, a1);
  }

  @Override
  public java.sql.@Nullable Time getTime(int a0) throws SQLException {
    return target.getTime(a0);
  }

  @Override
  public java.sql.@Nullable Timestamp getTimestamp(
      @Nullable String a0, java.util.@Nullable Calendar a1) throws SQLException {
    return target.getTimestamp(a0, a1);
  }

  @Override
  public java.sql.@Nullable Timestamp getTimestamp(@Nullable String a0) throws SQLException {
    return target.getTimestamp(a0);
  }

  @Override
  public java.sql.@Nullable Timestamp getTimestamp(int a0, java.util.@Nullable Calendar a1)
      throws SQLException {
    return target.getTimestamp(a0, a1);
  }

  @Override
  public java.sql.@Nullable Timestamp getTimestamp(int a0) throws SQLException {
    return target.getTimestamp(a0);
  }

  @Override
  public int getType() throws SQLException {
    return target.getType();
  }

  @Override
  public java.net.@Nullable URL getURL(@Nullable String a0) throws SQLException {
    return target.getURL(a0);
  }

  @Override
  public java.net.@Nullable URL getURL(int a0) throws SQLException {
    return target.getURL(a0);
  }

  @Override
  public java.io.@Nullable InputStream getUnicodeStream(@Nullable String a0) throws SQLException {
    return target.getUnicodeStream(a0);
  }

  @Override
  public java.io.@Nullable InputStream getUnicodeStream(int a0) throws SQLException {
    return target.getUnicodeStream(a0);
  }

  @Override
  public java.sql.@Nullable SQLWarning getWarnings() throws SQLException {
    return target.getWarnings();
  }

  @Override
  public void insertRow() throws SQLException {
    target.insertRow();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    return target.isAfterLast();
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    return target.isBeforeFirst();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return target.isClosed();
  }

  @Override
  public boolean isFirst() throws SQLException {
    return target.isFirst();
  }

  @Override
  public boolean isLast() throws SQLException {
    return target.isLast();
  }

  @Override
  public boolean last() throws SQLException {
    return target.last();
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    target.moveToCurrentRow();
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    target.moveToInsertRow();
  }

  @Override
  public boolean next() throws SQLException {
    return target.next();
  }

  @Override
  public boolean previous() throws SQLException {
    return target.previous();
  }

  @Override
  public void refreshRow() throws SQLException {
    target.refreshRow();
  }

  @Override
  public boolean relative(int a0) throws SQLException {
    return target.relative(a0);
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    return target.rowDeleted();
  }

  @Override
  public boolean rowInserted() throws SQLException {
    return target.rowInserted();
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    return target.rowUpdated();
  }

  @Override
  public void setFetchDirection(int a0) throws SQLException {
    target.setFetchDirection(a0);
  }

  @Override
  public void setFetchSize(int a0) throws SQLException {
    target.setFetchSize(a0);
  }

  @Override
  public void updateArray(@Nullable String a0, java.sql.@Nullable Array a1) throws SQLException {
    target.updateArray(a0, a1);
  }

  @Override
  public void updateArray(int a0, java.sql.@Nullable Array a1) throws SQLException {
    target.updateArray(a0, a1);
  }

  @Override
  public void updateAsciiStream(@Nullable String a0, java.io.@Nullable InputStream a1, int a2)
      throws SQLException {
    target.updateAsciiStream(a0, a1, a2);
  }

  @Override
  public void updateAsciiStream(@Nullable String a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    target.updateAsciiStream(a0, a1, a2);
  }

  @Override
  public void updateAsciiStream(@Nullable String a0, java.io.@Nullable InputStream a1)
      throws SQLException {
    target.updateAsciiStream(a0, a1);
  }

  @Override
  public void updateAsciiStream(int a0, java.io.@Nullable InputStream a1, int a2)
      throws SQLException {
    target.updateAsciiStream(a0, a1, a2);
  }

  @Override
  public void updateAsciiStream(int a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    target.updateAsciiStream(a0, a1, a2);
  }

  @Override
  public void updateAsciiStream(int a0, java.io.@Nullable InputStream a1) throws SQLException {
    target.updateAsciiStream(a0, a1);
  }

  @Override
  public void updateBigDecimal(@Nullable String a0, java.math.@Nullable BigDecimal a1)
      throws SQLException {
    target.updateBigDecimal(a0, a1);
  }

  @Override
  public void updateBigDecimal(int a0, java.math.@Nullable BigDecimal a1) throws SQLException {
    target.updateBigDecimal(a0, a1);
  }

  @Override
  public void updateBinaryStream(@Nullable String a0, java.io.@Nullable InputStream a1, int a2)
      throws SQLException {
    target.updateBinaryStream(a0, a1, a2);
  }

  @Override
  public void updateBinaryStream(@Nullable String a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    target.updateBinaryStream(a0, a1, a2);
  }

  @Override
  public void updateBinaryStream(@Nullable String a0, java.io.@Nullable InputStream a1)
      throws SQLException {
    target.updateBinaryStream(a0, a1);
  }

  @Override
  public void updateBinaryStream(int a0, java.io.@Nullable InputStream a1, int a2)
      throws SQLException {
    target.updateBinaryStream(a0, a1, a2);
  }

  @Override
  public void updateBinaryStream(int a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    target.updateBinaryStream(a0, a1, a2);
  }

  @Override
  public void updateBinaryStream(int a0, java.io.@Nullable InputStream a1) throws SQLException {
    target.updateBinaryStream(a0, a1);
  }

  @Override
  public void updateBlob(@Nullable String a0, java.io.@Nullable InputStream a1, long a2)
      throws SQLException {
    target.updateBlob(a0, a1, a2);
  }

  @Override
  public void updateBlob(@Nullable String a0, java.io.@Nullable InputStream a1)
      throws SQLException {
    target.updateBlob(a0, a1);
  }

  @Override
  public void updateBlob(@Nullable String a0, java.sql.@Nullable Blob a1) throws SQLException {
    target.updateBlob(a0, a1);
  }

  @Override
  public void updateBlob(int a0, java.io.@Nullable InputStream a1, long a2) throws SQLException {
    target.updateBlob(a0, a1, a2);
  }

  @Override
  public void updateBlob(int a0, java.io.@Nullable InputStream a1) throws SQLException {
    target.updateBlob(a0, a1);
  }

  @Override
  public void updateBlob(int a0, java.sql.@Nullable Blob a1) throws SQLException {
    target.updateBlob(a0, a1);
  }

  @Override
  public void updateBoolean(@Nullable String a0, boolean a1) throws SQLException {
    target.updateBoolean(a0, a1);
  }

  @Override
  public void updateBoolean(int a0, boolean a1) throws SQLException {
    target.updateBoolean(a0, a1);
  }

  @Override
  public void updateByte(@Nullable String a0, byte a1) throws SQLException {
    target.updateByte(a0, a1);
  }

  @Override
  public void updateByte(int a0, byte a1) throws SQLException {
    target.updateByte(a0, a1);
  }

  @Override
  public void updateBytes(@Nullable String a0, byte @Nullable [] a1) throws SQLException {
    target.updateBytes(a0, a1);
  }

  @Override
  public void updateBytes(int a0, byte @Nullable [] a1) throws SQLException {
    target.updateBytes(a0, a1);
  }

  @Override
  public void updateCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1, int a2)
      throws SQLException {
    target.updateCharacterStream(a0, a1, a2);
  }

  @Override
  public void updateCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    target.updateCharacterStream(a0, a1, a2);
  }

  @Override
  public void updateCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1)
      throws SQLException {
    target.updateCharacterStream(a0, a1);
  }

  @Override
  public void updateCharacterStream(int a0, java.io.@Nullable Reader a1, int a2)
      throws SQLException {
    target.updateCharacterStream(a0, a1, a2);
  }

  @Override
  public void updateCharacterStream(int a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    target.updateCharacterStream(a0, a1, a2);
  }

  @Override
  public void updateCharacterStream(int a0, java.io.@Nullable Reader a1) throws SQLException {
    target.updateCharacterStream(a0, a1);
  }

  @Override
  public void updateClob(@Nullable String a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    target.updateClob(a0, a1, a2);
  }

  @Override
  public void updateClob(@Nullable String a0, java.io.@Nullable Reader a1) throws SQLException {
    target.updateClob(a0, a1);
  }

  @Override
  public void updateClob(@Nullable String a0, java.sql.@Nullable Clob a1) throws SQLException {
    target.updateClob(a0, a1);
  }

  @Override
  public void updateClob(int a0, java.io.@Nullable Reader a1, long a2) throws SQLException {
    target.updateClob(a0, a1, a2);
  }

  @Override
  public void updateClob(int a0, java.io.@Nullable Reader a1) throws SQLException {
    target.updateClob(a0, a1);
  }

  @Override
  public void updateClob(int a0, java.sql.@Nullable Clob a1) throws SQLException {
    target.updateClob(a0, a1);
  }

  @Override
  public void updateDate(@Nullable String a0, java.sql.@Nullable Date a1) throws SQLException {
    target.updateDate(a0, a1);
  }

  @Override
  public void updateDate(int a0, java.sql.@Nullable Date a1) throws SQLException {
    target.updateDate(a0, a1);
  }

  @Override
  public void updateDouble(@Nullable String a0, double a1) throws SQLException {
    target.updateDouble(a0, a1);
  }

  @Override
  public void updateDouble(int a0, double a1) throws SQLException {
    target.updateDouble(a0, a1);
  }

  @Override
  public void updateFloat(@Nullable String a0, float a1) throws SQLException {
    target.updateFloat(a0, a1);
  }

  @Override
  public void updateFloat(int a0, float a1) throws SQLException {
    target.updateFloat(a0, a1);
  }

  @Override
  public void updateInt(@Nullable String a0, int a1) throws SQLException {
    target.updateInt(a0, a1);
  }

  @Override
  public void updateInt(int a0, int a1) throws SQLException {
    target.updateInt(a0, a1);
  }

  @Override
  public void updateLong(@Nullable String a0, long a1) throws SQLException {
    target.updateLong(a0, a1);
  }

  @Override
  public void updateLong(int a0, long a1) throws SQLException {
    target.updateLong(a0, a1);
  }

  @Override
  public void updateNCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    target.updateNCharacterStream(a0, a1, a2);
  }

  @Override
  public void updateNCharacterStream(@Nullable String a0, java.io.@Nullable Reader a1)
      throws SQLException {
    target.updateNCharacterStream(a0, a1);
  }

  @Override
  public void updateNCharacterStream(int a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    target.updateNCharacterStream(a0, a1, a2);
  }

  @Override
  public void updateNCharacterStream(int a0, java.io.@Nullable Reader a1) throws SQLException {
    target.updateNCharacterStream(a0, a1);
  }

  @Override
  public void updateNClob(@Nullable String a0, java.io.@Nullable Reader a1, long a2)
      throws SQLException {
    target.updateNClob(a0, a1, a2);
  }

  @Override
  public void updateNClob(@Nullable String a0, java.io.@Nullable Reader a1) throws SQLException {
    target.updateNClob(a0, a1);
  }

  @Override
  public void updateNClob(@Nullable String a0, java.sql.@Nullable NClob a1) throws SQLException {
    target.updateNClob(a0, a1);
  }

  @Override
  public void updateNClob(int a0, java.io.@Nullable Reader a1, long a2) throws SQLException {
    target.updateNClob(a0, a1, a2);
  }

  @Override
  public void updateNClob(int a0, java.io.@Nullable Reader a1) throws SQLException {
    target.updateNClob(a0, a1);
  }

  @Override
  public void updateNClob(int a0, java.sql.@Nullable NClob a1) throws SQLException {
    target.updateNClob(a0, a1);
  }

  @Override
  public void updateNString(@Nullable String a0, @Nullable String a1) throws SQLException {
    target.updateNString(a0, a1);
  }

  @Override
  public void updateNString(int a0, @Nullable String a1) throws SQLException {
    target.updateNString(a0, a1);
  }

  @Override
  public void updateNull(@Nullable String a0) throws SQLException {
    target.updateNull(a0);
  }

  @Override
  public void updateNull(int a0) throws SQLException {
    target.updateNull(a0);
  }

  @Override
  public void updateObject(@Nullable String a0, @Nullable Object a1, int a2) throws SQLException {
    target.updateObject(a0, a1, a2);
  }

  @Override
  public void updateObject(
      @Nullable String a0, @Nullable Object a1, java.sql.@Nullable SQLType a2, int a3)
      throws SQLException {
    target.updateObject(a0, a1, a2, a3);
  }

  @Override
  public void updateObject(@Nullable String a0, @Nullable Object a1, java.sql.@Nullable SQLType a2)
      throws SQLException {
    target.updateObject(a0, a1, a2);
  }

  @Override
  public void updateObject(@Nullable String a0, @Nullable Object a1) throws SQLException {
    target.updateObject(a0, a1);
  }

  @Override
  public void updateObject(int a0, @Nullable Object a1, int a2) throws SQLException {
    target.updateObject(a0, a1, a2);
  }

  @Override
  public void updateObject(int a0, @Nullable Object a1, java.sql.@Nullable SQLType a2, int a3)
      throws SQLException {
    target.updateObject(a0, a1, a2, a3);
  }

  @Override
  public void updateObject(int a0, @Nullable Object a1, java.sql.@Nullable SQLType a2)
      throws SQLException {
    target.updateObject(a0, a1, a2);
  }

  @Override
  public void updateObject(int a0, @Nullable Object a1) throws SQLException {
    target.updateObject(a0, a1);
  }

  @Override
  public void updateRef(@Nullable String a0, java.sql.@Nullable Ref a1) throws SQLException {
    target.updateRef(a0, a1);
  }

  @Override
  public void updateRef(int a0, java.sql.@Nullable Ref a1) throws SQLException {
    target.updateRef(a0, a1);
  }

  @Override
  public void updateRowId(@Nullable String a0, java.sql.@Nullable RowId a1) throws SQLException {
    target.updateRowId(a0, a1);
  }

  @Override
  public void updateRowId(int a0, java.sql.@Nullable RowId a1) throws SQLException {
    target.updateRowId(a0, a1);
  }

  @Override
  public void updateRow() throws SQLException {
    target.updateRow();
  }

  @Override
  public void updateSQLXML(@Nullable String a0, java.sql.@Nullable SQLXML a1) throws SQLException {
    target.updateSQLXML(a0, a1);
  }

  @Override
  public void updateSQLXML(int a0, java.sql.@Nullable SQLXML a1) throws SQLException {
    target.updateSQLXML(a0, a1);
  }

  @Override
  public void updateShort(@Nullable String a0, short a1) throws SQLException {
    target.updateShort(a0, a1);
  }

  @Override
  public void updateShort(int a0, short a1) throws SQLException {
    target.updateShort(a0, a1);
  }

  @Override
  public void updateString(@Nullable String a0, @Nullable String a1) throws SQLException {
    target.updateString(a0, a1);
  }

  @Override
  public void updateString(int a0, @Nullable String a1) throws SQLException {
    target.updateString(a0, a1);
  }

  @Override
  public void updateTime(@Nullable String a0, java.sql.@Nullable Time a1) throws SQLException {
    target.updateTime(a0, a1);
  }

  @Override
  public void updateTime(int a0, java.sql.@Nullable Time a1) throws SQLException {
    target.updateTime(a0, a1);
  }

  @Override
  public void updateTimestamp(@Nullable String a0, java.sql.@Nullable Timestamp a1)
      throws SQLException {
    target.updateTimestamp(a0, a1);
  }

  @Override
  public void updateTimestamp(int a0, java.sql.@Nullable Timestamp a1) throws SQLException {
    target.updateTimestamp(a0, a1);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return target.wasNull();
  }
}
