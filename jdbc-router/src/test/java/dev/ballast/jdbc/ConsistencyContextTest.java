package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read-your-writes context does not leak between requests on a pooled thread, and reaches
 * another thread only when handed over: against a primary and one replica whose replay is paused,
 * so that a read without the token is stale and one with it never is.
 */
class ConsistencyContextTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(1).zones("a", "a").build();

  private static final ExecutorService pooled = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void createTable() throws SQLException {
    RouterTestSupport.execute(pg.primary(), "CREATE TABLE ctx (id int PRIMARY KEY)");
  }

  @AfterAll
  static void stopThreads() {
    pooled.shutdownNow();
  }

  private static Properties lsn(PostgresCluster cluster) {
    Properties p = properties(cluster);
    p.setProperty("ballast.jdbc.read-your-writes", "lsn");
    // no lag limit: the paused replica stays eligible, so a read without a token goes there
    p.setProperty("ballast.jdbc.max-replica-lag", "0");
    return p;
  }

  @Test
  void aRequestsTokenDoesNotLeakIntoTheNextRequestOnTheSamePooledThread(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(lsn(cluster))) {
      cluster.node("r1").pauseReplay();
      try {
        // request 1: a scope around its work, as a server filter would open
        Optional<ConsistencyToken> inRequest1 =
            pooled
                .submit(
                    () ->
                        ds.runWith(
                            ConsistencyToken.ofLsn(0),
                            () -> {
                              write(ds, 1);
                              assertThat(read(ds, 1)).isEqualTo("primary");
                              return ds.currentToken();
                            }))
                .get(30, TimeUnit.SECONDS);
        assertThat(inRequest1).isPresent();
        assertThat(inRequest1.orElseThrow().lsn()).isPositive();

        // request 2 on the same thread: no token, so its read goes to the (stale) replica
        String request2 =
            pooled
                .submit(
                    () -> {
                      assertThat(ds.currentToken()).isEmpty();
                      return read(ds, 1);
                    })
                .get(30, TimeUnit.SECONDS);
        assertThat(request2).isEqualTo("r1, missing");
      } finally {
        cluster.node("r1").resumeReplay();
      }
    }
  }

  /** What request 1 of the implicit-mode test saw. */
  record Request1(String readWhileWriterOpen, boolean tokenWhileOpen, boolean tokenAfterClose) {}

  @Test
  void aWriteOutsideAScopeIsReadBackWhileItsConnectionIsOpenAndEndsWithIt(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(lsn(cluster))) {
      cluster.node("r1").pauseReplay();
      try {
        // request 1 opens no scope (plain JDBC, or @Transactional without the starter's filter)
        Request1 request1 =
            pooled
                .submit(
                    () -> {
                      String whileOpen;
                      boolean tokenWhileOpen;
                      try (Connection writer = ds.getConnection();
                          PreparedStatement p =
                              writer.prepareStatement("INSERT INTO ctx VALUES (?)")) {
                        p.setInt(1, 3);
                        p.executeUpdate();
                        // the writer still open: a read of the same thread must see its write
                        whileOpen = read(ds, 3);
                        tokenWhileOpen = ds.currentToken().isPresent();
                      }
                      return new Request1(whileOpen, tokenWhileOpen, ds.currentToken().isPresent());
                    })
                .get(30, TimeUnit.SECONDS);
        assertThat(request1.readWhileWriterOpen()).isEqualTo("primary");
        assertThat(request1.tokenWhileOpen()).isTrue();
        assertThat(request1.tokenAfterClose())
            .as("the implicit mode ends with the connection that wrote")
            .isFalse();

        // request 2 on the same pooled thread: nothing of request 1 routes its read
        String request2 =
            pooled
                .submit(
                    () -> {
                      assertThat(ds.currentToken()).isEmpty();
                      return read(ds, 3);
                    })
                .get(30, TimeUnit.SECONDS);
        assertThat(request2).isEqualTo("r1, missing");
      } finally {
        cluster.node("r1").resumeReplay();
      }
    }
  }

  @Test
  void aCapturedTokenHandedToACompletableFutureKeepsItsReadFromBeingStale(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(lsn(cluster))) {
      cluster.node("r1").pauseReplay();
      try {
        // captured in the writer's request scope (outside one it ends with the writing connection)
        ConsistencyToken token;
        try (ConsistencyScope request = ds.withToken(ConsistencyToken.ofLsn(0))) {
          write(ds, 2);
          token = ds.currentToken().orElseThrow();
        }

        String withoutToken =
            CompletableFuture.supplyAsync(() -> readUnchecked(ds, 2), pooled)
                .get(30, TimeUnit.SECONDS);
        String handedOver =
            CompletableFuture.supplyAsync(
                    () -> {
                      try (ConsistencyScope scope = ds.withToken(token)) {
                        return readUnchecked(ds, 2);
                      }
                    },
                    pooled)
                .get(30, TimeUnit.SECONDS);
        Optional<ConsistencyToken> afterwards =
            CompletableFuture.supplyAsync(ds::currentToken, pooled).get(30, TimeUnit.SECONDS);

        assertThat(withoutToken)
            .as("another thread does not see the token")
            .isEqualTo("r1, missing");
        assertThat(handedOver).isEqualTo("primary");
        assertThat(afterwards).as("the scope ended with its task").isEmpty();
      } finally {
        cluster.node("r1").resumeReplay();
      }
    }
  }

  private static void write(RoutingDataSource ds, int id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("INSERT INTO ctx VALUES (?)")) {
      p.setInt(1, id);
      p.executeUpdate();
    }
  }

  /** Where the read of row {@code id} ran, and whether it missed the row. */
  private static String read(RoutingDataSource ds, int id) throws SQLException {
    try (Connection c = ds.forReads().getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT inet_server_port(), count(*) FROM ctx WHERE id = ?")) {
      p.setInt(1, id);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        String node = nodeName(pg.cluster(), rs.getInt(1));
        return rs.getLong(2) == 1 ? node : node + ", missing";
      }
    }
  }

  private static String readUnchecked(RoutingDataSource ds, int id) {
    try {
      return read(ds, id);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
