package dev.ballast.testkit;

import dev.ballast.testkit.internal.cluster.SharedCluster;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the JUnit 5 extensions of both engines ({@link PostgresClusterExtension}, {@link
 * MariaDbClusterExtension}) do: share one cluster among the tests of a class when registered on a
 * static field (one per test on an instance field), undo each test's faults after it, and start a
 * fresh cluster before the next test when a test changed the topology or its faults could not be
 * undone. Always reach the cluster through the extension rather than keeping a reference across
 * tests, since it may have been replaced.
 *
 * <p>Test methods and lifecycle methods may declare a parameter of the engine's cluster type to
 * receive the current cluster.
 *
 * @param <C> the engine's cluster type
 * @param <N> the engine's node type
 */
public abstract class DbClusterExtension<C extends DbCluster<N>, N extends DbNode>
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private final Class<C> clusterType;
  private final SharedCluster<C> shared;

  DbClusterExtension(Class<C> clusterType, Supplier<C> start) {
    this.clusterType = clusterType;
    this.shared =
        new SharedCluster<>(
            start,
            C::isClosed,
            cluster -> {
              cluster.resetFaults();
              return !cluster.isTopologyChanged();
            },
            C::close);
  }

  /**
   * {@return the current cluster, started on first use if a test asks before JUnit's callbacks ran}
   *
   * @throws RuntimeException the engine's cluster exception if it has to be started and cannot be
   */
  public final C cluster() {
    return shared.current();
  }

  /** {@return the current cluster's primary; see {@link DbCluster#primary()}} */
  public final N primary() {
    return cluster().primary();
  }

  /** {@return the current cluster's replicas; see {@link DbCluster#replicas()}} */
  public final List<N> replicas() {
    return cluster().replicas();
  }

  /**
   * {@return a node of the current cluster by name; see {@link DbCluster#node(String)}}
   *
   * @param name the node's name ({@code primary}, {@code r1}, …)
   */
  public final N node(String name) {
    return cluster().node(name);
  }

  /**
   * Closes the current cluster and starts a fresh one with the same settings.
   *
   * @return the new cluster
   */
  public final C rebuild() {
    return shared.rebuild();
  }

  @Override
  public final void beforeAll(ExtensionContext context) {
    shared.classStarted();
  }

  @Override
  public final void afterAll(ExtensionContext context) {
    shared.classEnded();
  }

  @Override
  public final void beforeEach(ExtensionContext context) {
    shared.current();
  }

  @Override
  public final void afterEach(ExtensionContext context) {
    shared.testEnded();
  }

  @Override
  public final boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == clusterType;
  }

  @Override
  public final Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return cluster();
  }
}
