package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.spring.boot.orders.OrdersApp;
import dev.ballast.testkit.PostgresClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Read-your-writes across two instances of the Orders service: one primary and one replica that
 * applies WAL 200 ms late; a caller POSTs an order to instance 1 and at once GETs it from instance
 * 2. With the {@code Ballast-Consistency} token carried by a {@link ConsistencySession}, no read is
 * stale; without it, instance 2 reads the replica and misses the order (the test discriminates).
 */
class ReadYourWritesAcrossInstancesTest {
  private static final String DATABASE = "orders-db";

  @RegisterExtension
  static final PostgresClusterExtension pg = PostgresClusterExtension.builder().replicas(1).build();

  private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private static String first = "";
  private static String second = "";

  @BeforeAll
  static void startTwoInstances() {
    first = start();
    second = start();
  }

  @AfterAll
  static void stopInstances() {
    instances.forEach(ConfigurableApplicationContext::close);
  }

  private static String start() {
    List<String> props = new ArrayList<>();
    TestClusters.jdbcProperties(pg.cluster(), DATABASE).forEach((k, v) -> props.add(k + "=" + v));
    props.add("ballast.jdbc.read-your-writes=lsn");
    props.add("ballast.jdbc.read-your-writes.max-wait=100ms");
    // lag here is deliberate and short: the replica must stay eligible for reads
    props.add("ballast.jdbc.max-replica-lag=30s");
    props.add("server.port=0");
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(OrdersApp.class)
            .properties(props.toArray(String[]::new))
            .run();
    instances.add(context);
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return "http://127.0.0.1:" + port;
  }

  @Test
  void withTheTokenNoReadOnTheOtherInstanceIsStaleAndWithoutItSomeAre() {
    pg.node("r1").applyDelay(Duration.ofMillis(200));
    ConsistencySession session = new ConsistencySession();
    RestClient withSession = RestClient.builder().requestInterceptor(session).build();
    RestClient plain = RestClient.builder().build();

    int staleWithToken = 0;
    for (int i = 0; i < 200; i++) {
      String id =
          withSession.post().uri(first + "/orders").body("with-" + i).retrieve().body(String.class);
      if (!found(withSession, id)) {
        staleWithToken++;
      }
    }
    assertThat(session.header()).startsWith(DATABASE + "=lsn:");

    int staleWithout = 0;
    for (int i = 0; i < 50; i++) {
      String id =
          plain.post().uri(first + "/orders").body("without-" + i).retrieve().body(String.class);
      if (!found(plain, id)) {
        staleWithout++;
      }
    }

    assertThat(staleWithToken).isZero();
    assertThat(staleWithout).isPositive();
  }

  @Test
  void onlyRequestsThatWroteGetTheTokenAndOtherDatabasesTokensAreIgnored() {
    RestClient plain = RestClient.builder().build();
    ResponseEntity<String> post =
        plain.post().uri(first + "/orders").body("token").retrieve().toEntity(String.class);
    String token = post.getHeaders().getFirst(ConsistencyHeader.NAME);
    assertThat(token).matches(DATABASE + "=lsn:[0-9A-F]+/[0-9A-F]+");

    ResponseEntity<String> get =
        plain
            .get()
            .uri(second + "/orders/" + post.getBody())
            .header(ConsistencyHeader.NAME, "other-db=lsn:FF/0," + token)
            .retrieve()
            .toEntity(String.class);
    assertThat(get.getBody()).isEqualTo("token");
    assertThat(get.getHeaders().get(ConsistencyHeader.NAME)).isNull();

    // a token of another database far in the future does not make this service wait or fail
    ResponseEntity<String> other =
        plain
            .get()
            .uri(second + "/orders/" + post.getBody())
            .header(ConsistencyHeader.NAME, "other-db=lsn:FFFF/0")
            .retrieve()
            .toEntity(String.class);
    assertThat(other.getStatusCode().value()).isEqualTo(200);
  }

  private static boolean found(RestClient client, String id) {
    return client
        .get()
        .uri(second + "/orders/" + id)
        .exchange((req, res) -> res.getStatusCode().value() == 200);
  }
}
