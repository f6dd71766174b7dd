package dev.ballast.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.internal.Host;
import dev.ballast.jdbc.internal.PooledProbeConnector;
import dev.ballast.jdbc.internal.RouterConfig;
import dev.ballast.jdbc.internal.RouterLifecycle;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Dialects;
import dev.ballast.lb.ConfigException;
import dev.ballast.lb.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Starts a router from a {@link RoutingDataSource.Builder}'s values: checks them all at once (every
 * problem in one {@link ConfigException}, nothing started), makes the caller's data sources hosts
 * (the router never closes them), tells the engine from the primary, and starts. Stateless.
 */
final class BuilderAssembly {
  private BuilderAssembly() {}

  /**
   * A started router with the values of {@code draft}.
   *
   * @throws ConfigException listing every problem as {@code <argument>: <value> (expected: …)}
   */
  static RouterLifecycle start(RoutingDataSourceDraft draft) {
    Duration timeout = draft.healthCheckTimeout;
    Duration probeTimeout =
        timeout != null
            ? timeout
            : RouterConfig.defaultHealthCheckTimeout(draft.healthCheckInterval);
    List<String> problems = problems(draft, probeTimeout);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    DataSource p = requireNonNull(draft.primary, "primary");
    List<Host> hosts = new ArrayList<>();
    hosts.add(host(draft.primaryName, true, draft.primaryZone, p));
    for (RoutingDataSourceDraft.ReplicaSpec r : draft.replicas) {
      hosts.add(host(r.name(), false, r.zone(), r.dataSource()));
    }
    RouterConfig config =
        new RouterConfig(
            draft.name,
            draft.zone,
            draft.strategy,
            draft.maxReplicaLag,
            draft.fallback,
            draft.readYourWrites,
            draft.readYourWritesWindow,
            draft.readYourWritesMaxWait,
            draft.topology,
            draft.healthCheckInterval,
            probeTimeout);
    Dialect dialect = dialect(p);
    if (draft.readYourWrites == ReadYourWrites.GTID && dialect.lsnPositions()) {
      throw new ConfigException(
          List.of(
              "readYourWrites: gtid (expected: off|window|lsn with a "
                  + dialect.name()
                  + " primary: GTIDs are MariaDB's and MySQL's)"));
    }
    return RouterLifecycle.start(config, dialect, hosts, draft.ticker, draft.meterRegistry, null);
  }

  private static List<String> problems(RoutingDataSourceDraft draft, Duration probeTimeout) {
    List<String> problems = new ArrayList<>();
    if (draft.primary == null) {
      problems.add("primary: (missing) (expected: the primary's DataSource)");
    }
    List<String> names = new ArrayList<>();
    names.add(draft.primaryName);
    for (RoutingDataSourceDraft.ReplicaSpec r : draft.replicas) {
      String n = r.name();
      if (n.isBlank() || names.contains(n)) {
        problems.add("replica: '" + n + "' (expected: a unique, non-blank host name)");
      }
      names.add(n);
    }
    if (draft.name.isBlank()) {
      problems.add("name: '' (expected: a non-blank name)");
    }
    positive(problems, "healthCheckInterval", draft.healthCheckInterval);
    positive(problems, "healthCheckTimeout", probeTimeout);
    positive(problems, "readYourWritesWindow", draft.readYourWritesWindow);
    nonNegative(problems, "maxReplicaLag", draft.maxReplicaLag);
    nonNegative(problems, "readYourWritesMaxWait", draft.readYourWritesMaxWait);
    return problems;
  }

  /**
   * The engine of a HikariCP primary, from its JDBC URL; PostgreSQL for any other data source
   * (whose URL the router cannot know without taking a connection).
   */
  private static Dialect dialect(DataSource primary) {
    if (primary instanceof HikariDataSource h && h.getJdbcUrl() != null) {
      return Dialects.forUrl(h.getJdbcUrl());
    }
    return Dialects.postgresql();
  }

  private static Host host(String name, boolean primary, String zone, DataSource ds) {
    return new Host(
        name,
        primary,
        zone,
        ds,
        false,
        ds.getClass().getSimpleName(),
        new PooledProbeConnector(ds));
  }

  private static void positive(List<String> problems, String argument, Duration d) {
    if (d.isNegative() || d.isZero()) {
      problems.add(argument + ": " + Durations.format(d) + " (expected: a positive duration)");
    }
  }

  private static void nonNegative(List<String> problems, String argument, Duration d) {
    if (d.isNegative()) {
      problems.add(argument + ": " + Durations.format(d) + " (expected: a duration >= 0)");
    }
  }
}
