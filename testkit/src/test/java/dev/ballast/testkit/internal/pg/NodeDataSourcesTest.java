package dev.ballast.testkit.internal.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Looking up a node's data sources by database name; no server needed to build them. */
class NodeDataSourcesTest {

  private final NodeDataSources sources = new NodeDataSources(54321, "app", List.of("audit"));

  @Test
  void givesTheOwnAndTheExtraDatabasesOnLoopbackAsSuperuser() {
    PGSimpleDataSource audit = sources.require("audit");

    assertThat(sources.require("app")).isSameAs(sources.main());
    assertThat(sources.main().getDatabaseName()).isEqualTo("app");
    assertThat(audit.getDatabaseName()).isEqualTo("audit");
    assertThat(audit.getServerNames()).containsExactly("127.0.0.1");
    assertThat(audit.getPortNumbers()).containsExactly(54321);
    assertThat(audit.getUser()).isEqualTo(ManagedPgNode.SUPERUSER);
  }

  @Test
  void anUnknownDatabaseIsRejectedNamingTheKnownOnes() {
    assertThatThrownBy(() -> sources.require("orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database: orders (expected: one of [app, audit])");
  }
}
