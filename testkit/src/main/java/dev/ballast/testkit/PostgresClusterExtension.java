package dev.ballast.testkit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A JUnit 5 extension that shares one {@link PostgresCluster} among the tests of a class and
 * undoes, after each test, the faults the test injected.
 *
 * <pre>{@code
 * class ReadRoutingTest {
 *   @RegisterExtension
 *   static PostgresClusterExtension pg =
 *       PostgresClusterExtension.builder().replicas(2).zones("a", "a", "b").build();
 *
 *   @Test
 *   void readsSeeStaleDataWhileReplayIsPaused() {
 *     pg.node("r1").pauseReplay();   // resumed automatically after the test
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Lifecycle: registered on a {@code static} field, the cluster starts before the first test of
 * the class (nested classes share it) and closes after the last. Registered on an instance field,
 * each test gets its own cluster. Tests of one class must not run concurrently.
 *
 * <p>After each test: stopped nodes are started again, paused replay is resumed, apply delays are
 * removed, and the extension waits for replication. Data is <em>not</em> reset: give each test its
 * own tables or rows. A promotion cannot be undone, so when a test leaves a promoted replica (or a
 * primary that is not a primary any more), the cluster is closed and a fresh one is started before
 * the next test; tests that promote therefore cost one cluster start each. For the same reason,
 * always reach the cluster through this extension ({@link #cluster()}, {@link #primary()}, …)
 * rather than keeping a reference across tests. If undoing faults fails, the cluster is rebuilt the
 * same way.
 *
 * <p>Test methods and lifecycle methods may declare a {@link PostgresCluster} parameter to receive
 * the current cluster.
 */
public final class PostgresClusterExtension extends DbClusterExtension<PostgresCluster, PgNode> {

  private PostgresClusterExtension(PostgresClusterBuilder clusterBuilder) {
    super(PostgresCluster.class, clusterBuilder::start);
  }

  /**
   * {@return a builder; without settings the cluster is a primary alone with database {@code app}}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link PostgresClusterExtension}; mirrors {@link PostgresClusterBuilder}. */
  public static final class Builder {

    private final PostgresClusterBuilder cluster = PostgresCluster.builder();

    private Builder() {}

    /**
     * See {@link PostgresClusterBuilder#replicas(int)}.
     *
     * @param count see {@link PostgresClusterBuilder#replicas(int)}
     * @return this builder
     */
    public Builder replicas(int count) {
      cluster.replicas(count);
      return this;
    }

    /**
     * See {@link PostgresClusterBuilder#zones(String...)}.
     *
     * @param zones see {@link PostgresClusterBuilder#zones(String...)}
     * @return this builder
     */
    public Builder zones(String... zones) {
      cluster.zones(zones);
      return this;
    }

    /**
     * See {@link PostgresClusterBuilder#zone(String, String)}.
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
     * See {@link PostgresClusterBuilder#database(String)}.
     *
     * @param name see {@link PostgresClusterBuilder#database(String)}
     * @return this builder
     */
    public Builder database(String name) {
      cluster.database(name);
      return this;
    }

    /**
     * See {@link PostgresClusterBuilder#databases(String...)}.
     *
     * @param names see {@link PostgresClusterBuilder#databases(String...)}
     * @return this builder
     */
    public Builder databases(String... names) {
      cluster.databases(names);
      return this;
    }

    /**
     * See {@link PostgresClusterBuilder#setting(String, String)}.
     *
     * @param name the server setting
     * @param value the value
     * @return this builder
     */
    public Builder setting(String name, String value) {
      cluster.setting(name, value);
      return this;
    }

    /**
     * See {@link PostgresClusterBuilder#startupTimeout(Duration)}.
     *
     * @param timeout see {@link PostgresClusterBuilder#startupTimeout(Duration)}
     * @return this builder
     */
    public Builder startupTimeout(Duration timeout) {
      cluster.startupTimeout(timeout);
      return this;
    }

    /**
     * See {@link PostgresClusterBuilder#directory(Path)}.
     *
     * @param parent see {@link PostgresClusterBuilder#directory(Path)}
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
    public PostgresClusterExtension build() {
      cluster.validate();
      return new PostgresClusterExtension(cluster.copy());
    }
  }
}
