package dev.ballast.testkit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A JUnit 5 extension that shares one {@link MariaDbCluster} among the tests of a class and undoes,
 * after each test, the faults the test injected.
 *
 * <pre>{@code
 * class ReadRoutingTest {
 *   @RegisterExtension
 *   static MariaDbClusterExtension db =
 *       MariaDbClusterExtension.builder().replicas(2).zones("a", "a", "b").build();
 *
 *   @Test
 *   void readsSeeStaleDataWhileReplicationIsPaused() {
 *     db.node("r1").pauseReplication();   // resumed automatically after the test
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Lifecycle: registered on a {@code static} field, the cluster starts before the first test of
 * the class (nested classes share it) and closes after the last. Registered on an instance field,
 * each test gets its own cluster. Tests of one class must not run concurrently.
 *
 * <p>After each test: stopped nodes are started again, paused replicas are resumed, apply delays
 * are removed, and the extension waits for replication. Data is <em>not</em> reset: give each test
 * its own tables or rows. A promotion cannot be undone, so when a test promoted a node, the cluster
 * is closed and a fresh one is started before the next test; tests that promote therefore cost one
 * cluster start each. For the same reason, always reach the cluster through this extension ({@link
 * #cluster()}, {@link #primary()}, …) rather than keeping a reference across tests. If undoing
 * faults fails, the cluster is rebuilt the same way.
 *
 * <p>Test methods and lifecycle methods may declare a {@link MariaDbCluster} parameter to receive
 * the current cluster.
 */
public final class MariaDbClusterExtension extends DbClusterExtension<MariaDbCluster, MariaDbNode> {

  private MariaDbClusterExtension(MariaDbClusterBuilder clusterBuilder) {
    super(MariaDbCluster.class, clusterBuilder::start);
  }

  /**
   * {@return a builder; without settings the cluster is a primary alone with database {@code app}}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link MariaDbClusterExtension}; mirrors {@link MariaDbClusterBuilder}. */
  public static final class Builder {

    private final MariaDbClusterBuilder cluster = MariaDbCluster.builder();

    private Builder() {}

    /**
     * See {@link MariaDbClusterBuilder#replicas(int)}.
     *
     * @param count see {@link MariaDbClusterBuilder#replicas(int)}
     * @return this builder
     */
    public Builder replicas(int count) {
      cluster.replicas(count);
      return this;
    }

    /**
     * See {@link MariaDbClusterBuilder#zones(String...)}.
     *
     * @param zones see {@link MariaDbClusterBuilder#zones(String...)}
     * @return this builder
     */
    public Builder zones(String... zones) {
      cluster.zones(zones);
      return this;
    }

    /**
     * See {@link MariaDbClusterBuilder#zone(String, String)}.
     *
     * @param nodeName the node's name ({@code primary}, {@code replica1}, …)
     * @param zone the node's zone
     * @return this builder
     */
    public Builder zone(String nodeName, String zone) {
      cluster.zone(nodeName, zone);
      return this;
    }

    /**
     * See {@link MariaDbClusterBuilder#database(String)}.
     *
     * @param name see {@link MariaDbClusterBuilder#database(String)}
     * @return this builder
     */
    public Builder database(String name) {
      cluster.database(name);
      return this;
    }

    /**
     * See {@link MariaDbClusterBuilder#databases(String...)}.
     *
     * @param names see {@link MariaDbClusterBuilder#databases(String...)}
     * @return this builder
     */
    public Builder databases(String... names) {
      cluster.databases(names);
      return this;
    }

    /**
     * See {@link MariaDbClusterBuilder#startupTimeout(Duration)}.
     *
     * @param timeout see {@link MariaDbClusterBuilder#startupTimeout(Duration)}
     * @return this builder
     */
    public Builder startupTimeout(Duration timeout) {
      cluster.startupTimeout(timeout);
      return this;
    }

    /**
     * See {@link MariaDbClusterBuilder#directory(Path)}.
     *
     * @param parent see {@link MariaDbClusterBuilder#directory(Path)}
     * @return this builder
     */
    public Builder directory(Path parent) {
      cluster.directory(parent);
      return this;
    }

    /**
     * {@return the extension; no server starts until JUnit calls it} Later changes to this builder
     * do not affect extensions already built.
     *
     * @throws IllegalArgumentException if the zones do not match the node count or name unknown
     *     nodes
     */
    public MariaDbClusterExtension build() {
      cluster.validate();
      return new MariaDbClusterExtension(cluster.copy());
    }
  }
}
