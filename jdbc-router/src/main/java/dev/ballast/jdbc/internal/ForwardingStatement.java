package dev.ballast.jdbc.internal;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * The mechanical part of {@link RoutedStatement}: every {@link Statement} method that neither
 * executes nor leads to a connection or result set, forwarded to the physical statement. A setting
 * given while the statement may still run again elsewhere ({@link #replay} set) is recorded ({@link
 * ReplayableStatement}), so the statement built again gets it too. {@code RoutedDelegationTest}
 * fails when a method of the interface is not forwarded.
 */
abstract class ForwardingStatement extends ReplayableStatement {
  ForwardingStatement(Statement target, StatementReplay.@Nullable Factory replay) {
    super(target, replay);
  }

  @Override
  public void cancel() throws SQLException {
    target.cancel();
  }

  @Override
  public void clearWarnings() throws SQLException {
    target.clearWarnings();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    target.closeOnCompletion();
    if (replay != null) {
      record(s -> s.closeOnCompletion());
    }
  }

  @Override
  public @Nullable String enquoteIdentifier(@Nullable String identifier, boolean alwaysQuote)
      throws SQLException {
    return target.enquoteIdentifier(identifier, alwaysQuote);
  }

  @Override
  public @Nullable String enquoteLiteral(@Nullable String val) throws SQLException {
    return target.enquoteLiteral(val);
  }

  @Override
  public @Nullable String enquoteNCharLiteral(@Nullable String val) throws SQLException {
    return target.enquoteNCharLiteral(val);
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
  public long getLargeMaxRows() throws SQLException {
    return target.getLargeMaxRows();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return target.getLargeUpdateCount();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return target.getMaxFieldSize();
  }

  @Override
  public int getMaxRows() throws SQLException {
    return target.getMaxRows();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return target.getMoreResults();
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return target.getMoreResults(current);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return target.getQueryTimeout();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return target.getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return target.getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return target.getResultSetType();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return target.getUpdateCount();
  }

  @Override
  public @Nullable SQLWarning getWarnings() throws SQLException {
    return target.getWarnings();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return target.isCloseOnCompletion();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return target.isClosed();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return target.isPoolable();
  }

  @Override
  public boolean isSimpleIdentifier(@Nullable String identifier) throws SQLException {
    return target.isSimpleIdentifier(identifier);
  }

  @Override
  public void setCursorName(@Nullable String name) throws SQLException {
    target.setCursorName(name);
    if (replay != null) {
      record(s -> s.setCursorName(name));
    }
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    target.setEscapeProcessing(enable);
    if (replay != null) {
      record(s -> s.setEscapeProcessing(enable));
    }
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    target.setFetchDirection(direction);
    if (replay != null) {
      record(s -> s.setFetchDirection(direction));
    }
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    target.setFetchSize(rows);
    if (replay != null) {
      record(s -> s.setFetchSize(rows));
    }
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    target.setLargeMaxRows(max);
    if (replay != null) {
      record(s -> s.setLargeMaxRows(max));
    }
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    target.setMaxFieldSize(max);
    if (replay != null) {
      record(s -> s.setMaxFieldSize(max));
    }
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    target.setMaxRows(max);
    if (replay != null) {
      record(s -> s.setMaxRows(max));
    }
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    target.setPoolable(poolable);
    if (replay != null) {
      record(s -> s.setPoolable(poolable));
    }
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    target.setQueryTimeout(seconds);
    if (replay != null) {
      record(s -> s.setQueryTimeout(seconds));
    }
  }
}
