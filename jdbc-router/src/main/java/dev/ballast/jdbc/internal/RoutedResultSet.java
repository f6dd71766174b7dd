package dev.ballast.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * A result set whose {@code getStatement()} returns Ballast's statement (or null for a metadata
 * result), never the pool's or the driver's: a caller cannot reach the physical connection through
 * it. Everything else is forwarded to the driver's result set, one concern per superclass: {@link
 * ForwardingResultSet} (cursor, rows, settings), {@link ResultSetGettersByIndex}, {@link
 * ResultSetGettersByLabel}, {@link ResultSetUpdatesByIndex} and {@link ResultSetUpdatesByLabel};
 * {@code RoutedDelegationTest} fails when a method is not forwarded.
 */
final class RoutedResultSet extends ResultSetUpdatesByLabel {
  private final @Nullable Statement statement;

  RoutedResultSet(ResultSet target, @Nullable Statement statement) {
    super(target);
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
}
