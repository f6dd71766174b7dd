package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * The metadata a {@link LogicalConnection} hands out: {@code getConnection()} returns the logical
 * connection and its result sets have no statement (as JDBC says of metadata results), so the
 * physical connection never escapes through it. Handing it out pins the logical connection to its
 * physical one, which answers the metadata queries. Everything else is forwarded, one concern per
 * superclass: {@link ForwardingMetaData} (catalog queries), {@link MetaDataLimits}, {@link
 * MetaDataSqlSupport} and {@link MetaDataBehaviour}; {@code RoutedDelegationTest} fails when a
 * method is not forwarded.
 */
final class RoutedMetaData extends MetaDataBehaviour {
  private final Connection owner;

  RoutedMetaData(DatabaseMetaData target, Connection owner) {
    super(target);
    this.owner = owner;
  }

  @Override
  public Connection getConnection() {
    return owner;
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
    return "RoutedMetaData[" + target + "]";
  }
}
