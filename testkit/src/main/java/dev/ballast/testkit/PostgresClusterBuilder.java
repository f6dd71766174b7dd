package dev.ballast.testkit;

import dev.ballast.testkit.internal.cluster.NodeLayout;
import dev.ballast.testkit.internal.pg.ClusterLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Configures and starts a {@link PostgresCluster}; obtained from {@link PostgresCluster#builder()}.
 * Each setter checks its argument at once and names it in the message of the {@link
 * IllegalArgumentException} it throws. Not thread-safe; {@link #start()} may be called more than
 * once to start independent clusters.
 */
public final class PostgresClusterBuilder {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern SETTING_NAME = Pattern.compile("[a-z_][a-z0-9_.]*");

  private NodeLayout layout = new NodeLayout();
  private String databaseName = "app";
  private List<String> extraDatabases = List.of();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private Duration startupTimeout = Duration.ofSeconds(60);
  private @Nullable Path parentDirectory;

  PostgresClusterBuilder() {}

  /**
   * Number of streaming replicas, 0 to 8 (default 0).
   *
   * @param count the number of streaming replicas, 0 to 8 (default 0)
   * @return this builder
   */
  public PostgresClusterBuilder replicas(int count) {
    layout.replicas(count);
    return this;
  }

  /**
   * Zone labels in node order: primary, r1, r2, …; when given, there must be exactly one per node.
   * Overridden per node by {@link #zone(String, String)}. Default: every zone empty.
   *
   * @param zones the zone labels in node order: primary, r1, r2, …; when given, there must be
   *     exactly one per node
   * @return this builder
   */
  public PostgresClusterBuilder zones(String... zones) {
    layout.zones(zones);
    return this;
  }

  /**
   * The zone label of one node ({@code "primary"}, {@code "r1"}, …).
   *
   * @param nodeName the node's name ({@code primary}, {@code replica1}, …)
   * @param zone the node's zone
   * @return this builder
   */
  public PostgresClusterBuilder zone(String nodeName, String zone) {
    layout.zone(nodeName, zone);
    return this;
  }

  /**
   * The database to create on the primary before the replicas are copied (default {@code app}); a
   * lower-case identifier. {@code postgres} uses the built-in database.
   *
   * @param name the database to create on the primary before the replicas are copied (default
   *     {@code app}); a lower-case identifier
   * @return this builder
   */
  public PostgresClusterBuilder database(String name) {
    Objects.requireNonNull(name, "name");
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "database: " + name + " (expected: a lower-case identifier matching " + IDENTIFIER + ")");
    }
    this.databaseName = name;
    return this;
  }

  /**
   * Extra logical databases created on the primary beside the main one, before the replicas are
   * copied, e.g. {@code databases("orders", "invoices")}: several applications sharing one physical
   * cluster. Replaces earlier extra databases; lower-case identifiers, distinct from each other and
   * from the main database.
   *
   * @param names the extra logical databases created on the primary beside the main one, before the
   *     replicas are copied, e.g. {@code databases("orders", "invoices")}: several applications
   *     sharing one physical cluster
   * @return this builder
   */
  public PostgresClusterBuilder databases(String... names) {
    Objects.requireNonNull(names, "names");
    List<String> checked = new ArrayList<>();
    for (String name : names) {
      Objects.requireNonNull(name, "databases: null element");
      if (!IDENTIFIER.matcher(name).matches() || name.equals("postgres")) {
        throw new IllegalArgumentException(
            "databases: "
                + name
                + " (expected: a lower-case identifier matching "
                + IDENTIFIER
                + ", not postgres)");
      }
      if (checked.contains(name)) {
        throw new IllegalArgumentException(
            "databases: " + List.of(names) + " (expected: distinct names)");
      }
      checked.add(name);
    }
    this.extraDatabases = List.copyOf(checked);
    return this;
  }

  /**
   * An extra server setting for every node, passed on the {@code postgres} command line (e.g.
   * {@code setting("max_connections", "50")}). Command-line settings win over {@code ALTER SYSTEM},
   * so do not set {@code recovery_min_apply_delay} here; use {@link PgNode#applyDelay(Duration)}.
   * Values must not contain whitespace or quotes.
   *
   * @param name the server setting
   * @param value the value
   * @return this builder
   */
  public PostgresClusterBuilder setting(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!SETTING_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "setting: " + name + " (expected: a PostgreSQL setting name)");
    }
    if (value.isEmpty()
        || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"')) {
      // zonky joins the settings into one pg_ctl -o string, which a shell splits again
      throw new IllegalArgumentException(
          "setting."
              + name
              + ": "
              + value
              + " (expected: a non-empty value without whitespace or quotes)");
    }
    settings.put(name, value);
    return this;
  }

  /**
   * The directory under which the cluster's own directory is created. Default: the system property
   * {@value PostgresCluster#DIRECTORY_PROPERTY} if set, else {@code /dev/shm} when writable (a RAM
   * disk: far faster for initdb and base backups), else {@code java.io.tmpdir}.
   *
   * @param parent the directory under which the cluster's own directory is created
   * @return this builder
   */
  public PostgresClusterBuilder directory(Path parent) {
    Objects.requireNonNull(parent, "parent");
    this.parentDirectory = parent;
    return this;
  }

  /**
   * How long to wait for each server to accept connections (default 60 s).
   *
   * @param timeout how long to wait for each server to accept connections (default 60 s)
   * @return this builder
   */
  public PostgresClusterBuilder startupTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout: " + timeout + " (expected: positive)");
    }
    this.startupTimeout = timeout;
    return this;
  }

  /**
   * Starts the primary, creates the database, then creates and starts each replica; returns once
   * every node accepts connections. On failure everything started so far is stopped and deleted.
   *
   * @return the running cluster; close it to stop and delete it
   * @throws IllegalArgumentException if the zones do not match the node count or name unknown
   *     nodes, or an extra database repeats the main one
   * @throws PgClusterException if a server does not start
   */
  public PostgresCluster start() {
    List<String> names = layout.nodeNames();
    List<String> nodeZones = layout.resolveZones();
    checkDatabases();
    Path parent =
        parentDirectory != null
            ? parentDirectory
            : ClusterLauncher.defaultParent(PostgresCluster.DIRECTORY_PROPERTY);
    List<String> databases = new ArrayList<>();
    databases.add(databaseName);
    databases.addAll(extraDatabases);
    return new PostgresCluster(
        ClusterLauncher.launch(
            names, nodeZones, databaseName, extraDatabases, settings, startupTimeout, parent),
        databases);
  }

  /** Checks what only a complete configuration can show (zones against the node count). */
  void validate() {
    layout.resolveZones();
    checkDatabases();
  }

  private void checkDatabases() {
    if (extraDatabases.contains(databaseName)) {
      throw new IllegalArgumentException(
          "databases: "
              + extraDatabases
              + " (expected: names other than the main database "
              + databaseName
              + ")");
    }
  }

  /** An independent builder with the same settings. */
  PostgresClusterBuilder copy() {
    PostgresClusterBuilder copy = new PostgresClusterBuilder();
    copy.layout = layout.copy();
    copy.databaseName = databaseName;
    copy.extraDatabases = extraDatabases;
    copy.settings.putAll(settings);
    copy.startupTimeout = startupTimeout;
    copy.parentDirectory = parentDirectory;
    return copy;
  }

  @Override
  public String toString() {
    return "PostgresClusterBuilder["
        + layout
        + ", database="
        + databaseName
        + ", databases="
        + extraDatabases
        + ", settings="
        + settings
        + "]";
  }
}
