package dev.ballast.testkit;

import javax.sql.DataSource;

/**
 * What every database server of a testkit cluster answers, whatever its engine ({@link PgNode},
 * {@link MariaDbNode}): enough to point a router at it and to talk to it directly, so a test helper
 * can serve both engines.
 */
public interface DbNode {

  /** {@return the node's name: {@code "primary"}, {@code "r1"}, {@code "r2"}, …} */
  String name();

  /** {@return the zone label given to the cluster builder; empty when none was given} */
  String zone();

  /** {@return the TCP port on {@code 127.0.0.1}; fixed for the node's life} */
  int port();

  /** {@return the user to connect as} */
  String user();

  /** {@return a JDBC URL for the node's database} */
  String jdbcUrl();

  /** {@return a non-pooling data source for the node's database, already set to {@link #user()}} */
  DataSource dataSource();
}
