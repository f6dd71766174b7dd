package dev.ballast.testkit.internal.pg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The superuser data sources of one node: its own database's and those of the extra databases the
 * cluster created, looked up by database name. Built once; thread-safe to read.
 */
final class NodeDataSources {

  private final String databaseName;
  private final PGSimpleDataSource main;
  private final Map<String, PGSimpleDataSource> extra = new LinkedHashMap<>();

  NodeDataSources(int port, String databaseName, List<String> extraDatabases) {
    this.databaseName = databaseName;
    this.main = create(port, databaseName);
    for (String database : extraDatabases) {
      extra.put(database, create(port, database));
    }
  }

  /** A superuser data source for any database on a loopback port. */
  static PGSimpleDataSource create(int port, String databaseName) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(databaseName);
    ds.setUser(ManagedPgNode.SUPERUSER);
    ds.setConnectTimeout(5);
    ds.setApplicationName("ballast-testkit");
    return ds;
  }

  /** {@return the data source of the node's own database} */
  PGSimpleDataSource main() {
    return main;
  }

  /**
   * {@return the data source of {@code database}}
   *
   * @throws IllegalArgumentException {@code database: <name> (expected: one of [...])} when the
   *     node holds no such database
   */
  PGSimpleDataSource require(String database) {
    Objects.requireNonNull(database, "database");
    if (database.equals(databaseName)) {
      return main;
    }
    PGSimpleDataSource found = extra.get(database);
    if (found == null) {
      List<String> known = new ArrayList<>();
      known.add(databaseName);
      known.addAll(extra.keySet());
      throw new IllegalArgumentException(
          "database: " + database + " (expected: one of " + known + ")");
    }
    return found;
  }
}
