package dev.ballast.jdbc.internal;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import org.jspecify.annotations.Nullable;

/**
 * The mechanical base of {@link RoutedResultSet}: the cursor, row changes, fetch settings, warnings
 * and metadata of a {@link ResultSet}, forwarded to the driver's result set. The column getters and
 * updaters are in the subclasses, one concern each. {@code RoutedDelegationTest} fails when a
 * method of the interface is not forwarded.
 */
abstract class ForwardingResultSet implements ResultSet {
  final ResultSet target;

  ForwardingResultSet(ResultSet target) {
    this.target = target;
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    return target.absolute(row);
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
  public int findColumn(@Nullable String columnLabel) throws SQLException {
    return target.findColumn(columnLabel);
  }

  @Override
  public boolean first() throws SQLException {
    return target.first();
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
  public int getFetchDirection() throws SQLException {
    return target.getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return target.getFetchSize();
  }

  @Override
  public int getHoldability() throws SQLException {
    return target.getHoldability();
  }

  @Override
  public @Nullable ResultSetMetaData getMetaData() throws SQLException {
    return target.getMetaData();
  }

  @Override
  public int getRow() throws SQLException {
    return target.getRow();
  }

  @Override
  public int getType() throws SQLException {
    return target.getType();
  }

  @Override
  public @Nullable SQLWarning getWarnings() throws SQLException {
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
  public boolean relative(int rows) throws SQLException {
    return target.relative(rows);
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
  public void setFetchDirection(int direction) throws SQLException {
    target.setFetchDirection(direction);
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    target.setFetchSize(rows);
  }

  @Override
  public void updateRow() throws SQLException {
    target.updateRow();
  }

  @Override
  public boolean wasNull() throws SQLException {
    return target.wasNull();
  }
}
