package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad configuration is rejected at once, naming the argument, the value and what was expected. */
class MariaDbClusterBuilderTest {

  @Test
  void rejectsBadArgumentsWithClearMessages() {
    MariaDbClusterBuilder builder = MariaDbCluster.builder();
    assertThatThrownBy(() -> builder.replicas(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicas: 9 (expected: 0 to 8)");
    assertThatThrownBy(() -> builder.database("Orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("database: Orders (expected: a lower-case identifier");
    assertThatThrownBy(() -> builder.databases("orders", "mysql"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("databases: mysql (expected: a lower-case identifier")
        .hasMessageEndingWith("not one of [mysql, information_schema, performance_schema, sys])");
    assertThatThrownBy(() -> builder.databases("orders", "orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("databases: [orders, orders] (expected: distinct names)");
    assertThatThrownBy(() -> builder.startupTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startupTimeout: PT0S (expected: positive)");
  }

  @Test
  void checksZonesAndDatabasesAgainstEachOtherWhenTheExtensionIsBuilt() {
    assertThatThrownBy(() -> MariaDbClusterExtension.builder().replicas(1).zones("a").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zones: [a] (expected: 2 labels, one for each of [primary, r1])");
    assertThatThrownBy(
            () -> MariaDbClusterExtension.builder().database("orders").databases("orders").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("databases: [orders] (expected: names other than the main database orders)");
    assertThatCode(
            () ->
                MariaDbClusterExtension.builder()
                    .replicas(1)
                    .databases("orders", "invoices")
                    .build())
        .doesNotThrowAnyException();
  }
}
