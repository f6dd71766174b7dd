package dev.ballast.testkit;

import dev.ballast.testkit.internal.cluster.NodeLayout;
import dev.ballast.testkit.internal.mariadb.MariaDbLauncher;
import dev.ballast.testkit.internal.pg.ClusterLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Configures and starts a {@link MariaDbCluster}; obtained from {@link MariaDbCluster#builder()}.
 * Each setter checks its argument at once and names it in the message of the {@link
 * IllegalArgumentException} it throws. Not thread-safe; {@link #start()} may be called more than
 * once to start independent clusters.
 */
public final class MariaDbClusterBuilder {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
  private static final List<String> SYSTEM_DATABASES =
      List.of("mysql", "information_schema", "performance_schema", "sys");

  private NodeLayout layout = new NodeLayout();
  private String databaseName = "app";
  private List<String> extraDatabases = List.of();
  private Duration startupTimeout = Duration.ofSeconds(90);
  private @Nullable Path parentDirectory;

  MariaDbClusterBuilder() {}

  /**
   * Number of GTID replicas, 0 to 8 (default 0).
   *
   * @param count the number of GTID replicas, 0 to 8 (default 0)
   * @return this builder
   */
  public MariaDbClusterBuilder replicas(int count) {
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
  public MariaDbClusterBuilder zones(String... zones) {
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
  public MariaDbClusterBuilder zone(String nodeName, String zone) {
    layout.zone(nodeName, zone);
    return this;
  }

  /**
   * The main database (default {@code app}); a lower-case identifier, not a system database.
   *
   * @param name the main database (default {@code app}); a lower-case identifier, not a system
   *     database
   * @return this builder
   */
  public MariaDbClusterBuilder database(String name) {
    this.databaseName = checkDatabase("database", name);
    return this;
  }

  /**
   * Extra logical databases created beside the main one on every node, e.g. {@code
   * databases("orders", "invoices")}: several applications sharing one physical cluster. Replaces
   * earlier extra databases; lower-case identifiers, distinct from each other and from the main
   * database.
   *
   * @param names the extra logical databases created beside the main one on every node, e.g. {@code
   *     databases("orders", "invoices")}: several applications sharing one physical cluster
   * @return this builder
   */
  public MariaDbClusterBuilder databases(String... names) {
    Objects.requireNonNull(names, "names");
    List<String> checked = new ArrayList<>();
    for (String name : names) {
      String valid = checkDatabase("databases", name);
      if (checked.contains(valid)) {
        throw new IllegalArgumentException(
            "databases: " + List.of(names) + " (expected: distinct names)");
      }
      checked.add(valid);
    }
    this.extraDatabases = List.copyOf(checked);
    return this;
  }

  /**
   * The directory under which the cluster's own directory is created. Default: the system property
   * {@value MariaDbCluster#DIRECTORY_PROPERTY} if set, else {@code /dev/shm} when writable, else
   * {@code java.io.tmpdir}.
   *
   * @param parent the directory under which the cluster's own directory is created
   * @return this builder
   */
  public MariaDbClusterBuilder directory(Path parent) {
    Objects.requireNonNull(parent, "parent");
    this.parentDirectory = parent;
    return this;
  }

  /**
   * How long to wait for each step of the start (install, each server, the first replication) to
   * complete (default 90 s: a server takes 3–16 s on a loaded 2-core machine, and unpacking the
   * binaries the first time another 13 s).
   *
   * @param timeout how long to wait for each step of the start (install, each server, the first
   *     replication) to complete (default 90 s: a server takes 3–16 s on a loaded 2-core machine,
   *     and unpacking the binaries the first time another 13 s)
   * @return this builder
   */
  public MariaDbClusterBuilder startupTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout: " + timeout + " (expected: positive)");
    }
    this.startupTimeout = timeout;
    return this;
  }

  /**
   * Starts every server side by side, creates the application user and the databases on the
   * primary, points the replicas at it and waits until they have applied all of it.
   *
   * @return the running cluster; close it to stop and delete it
   * @throws IllegalArgumentException if the zones do not match the node count, name unknown nodes,
   *     or an extra database repeats the main one
   * @throws MariaDbClusterException if a server does not start; nothing is left running then
   */
  public MariaDbCluster start() {
    List<String> names = layout.nodeNames();
    List<String> nodeZones = layout.resolveZones();
    List<String> databases = databaseNames();
    Path parent =
        parentDirectory != null
            ? parentDirectory
            : ClusterLauncher.defaultParent(MariaDbCluster.DIRECTORY_PROPERTY);
    return new MariaDbCluster(
        MariaDbLauncher.launch(names, nodeZones, databases, startupTimeout, parent), databases);
  }

  /** Checks what only a complete configuration can show. */
  void validate() {
    layout.resolveZones();
    databaseNames();
  }

  /** An independent builder with the same settings. */
  MariaDbClusterBuilder copy() {
    MariaDbClusterBuilder copy = new MariaDbClusterBuilder();
    copy.layout = layout.copy();
    copy.databaseName = databaseName;
    copy.extraDatabases = extraDatabases;
    copy.startupTimeout = startupTimeout;
    copy.parentDirectory = parentDirectory;
    return copy;
  }

  private static String checkDatabase(String key, String name) {
    Objects.requireNonNull(name, key);
    if (!IDENTIFIER.matcher(name).matches() || SYSTEM_DATABASES.contains(name)) {
      throw new IllegalArgumentException(
          key
              + ": "
              + name
              + " (expected: a lower-case identifier matching "
              + IDENTIFIER
              + ", not one of "
              + SYSTEM_DATABASES
              + ")");
    }
    return name;
  }

  private List<String> databaseNames() {
    if (extraDatabases.contains(databaseName)) {
      throw new IllegalArgumentException(
          "databases: "
              + extraDatabases
              + " (expected: names other than the main database "
              + databaseName
              + ")");
    }
    List<String> all = new ArrayList<>();
    all.add(databaseName);
    all.addAll(extraDatabases);
    return all;
  }

  @Override
  public String toString() {
    return "MariaDbClusterBuilder["
        + layout
        + ", database="
        + databaseName
        + ", databases="
        + extraDatabases
        + "]";
  }
}
