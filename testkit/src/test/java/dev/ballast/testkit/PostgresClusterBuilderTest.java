package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad configuration fails before any server starts, with a message naming key and value. */
class PostgresClusterBuilderTest {

  @Test
  void rejectsReplicaCountOutOfRange() {
    assertThatThrownBy(() -> PostgresCluster.builder().replicas(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicas: -1 (expected: 0 to 8)");
    assertThatThrownBy(() -> PostgresCluster.builder().replicas(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicas: 9 (expected: 0 to 8)");
  }

  @Test
  void rejectsZonesThatDoNotMatchTheNodes() {
    assertThatThrownBy(() -> PostgresCluster.builder().replicas(2).zones("a", "b").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zones: [a, b] (expected: 3 labels, one for each of [primary, r1, r2])");
    assertThatThrownBy(() -> PostgresCluster.builder().replicas(1).zone("r2", "b").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zone: r2 (expected: one of [primary, r1])");
    assertThatThrownBy(
            () -> PostgresClusterExtension.builder().replicas(1).zones("a", "b", "c").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zones: [a, b, c] (expected: 2 labels, one for each of [primary, r1])");
  }

  @Test
  void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
    assertThatThrownBy(() -> PostgresCluster.builder().database("App; DROP"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "database: App; DROP (expected: a lower-case identifier matching"
                + " [a-z_][a-z0-9_]{0,62})");
  }

  @Test
  void rejectsSettingsTheCommandLineCannotCarry() {
    assertThatThrownBy(() -> PostgresCluster.builder().setting("work mem", "4MB"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setting: work mem (expected: a PostgreSQL setting name)");
    assertThatThrownBy(() -> PostgresCluster.builder().setting("search_path", "a, b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "setting.search_path: a, b (expected: a non-empty value without whitespace or"
                + " quotes)");
  }

  @Test
  void rejectsNonPositiveStartupTimeout() {
    assertThatThrownBy(() -> PostgresCluster.builder().startupTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startupTimeout: PT0S (expected: positive)");
  }

  @Test
  void rejectsExtraDatabasesThatAreNotDistinctPlainIdentifiers() {
    assertThatThrownBy(() -> PostgresCluster.builder().databases("orders", "Invoices"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "databases: Invoices (expected: a lower-case identifier matching"
                + " [a-z_][a-z0-9_]{0,62}, not postgres)");
    assertThatThrownBy(() -> PostgresCluster.builder().databases("orders", "orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("databases: [orders, orders] (expected: distinct names)");
    assertThatThrownBy(
            () -> PostgresClusterExtension.builder().database("orders").databases("orders").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("databases: [orders] (expected: names other than the main database orders)");
  }
}
