package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.spring.boot.reactive.ReactiveOrdersApp;
import dev.ballast.testkit.PostgresClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Read-your-writes in a WebFlux service whose handlers run blocking JDBC on boundedElastic: one
 * primary and one replica that applies WAL 200 ms late; a POST writes an order and a second request
 * reads it at once. With the {@code Ballast-Consistency} token of the first response no read is
 * stale; without it the read goes to the replica and misses the order (the test discriminates, and
 * shows that a request's position does not linger on the pooled threads that ran it). One cluster
 * and one application for the class.
 */
class ReactiveReadYourWritesTest {
  private static final String DATABASE = "reactive-db";

  @RegisterExtension
  static final PostgresClusterExtension pg = PostgresClusterExtension.builder().replicas(1).build();

  private static ConfigurableApplicationContext app;
  private static String base = "";

  @BeforeAll
  static void startApp() {
    List<String> props = new ArrayList<>();
    TestClusters.jdbcProperties(pg.cluster(), DATABASE).forEach((k, v) -> props.add(k + "=" + v));
    props.add("ballast.jdbc.read-your-writes=lsn");
    props.add("ballast.jdbc.read-your-writes.max-wait=100ms");
    // lag here is deliberate and short: the replica must stay eligible for reads
    props.add("ballast.jdbc.max-replica-lag=30s");
    props.add("server.port=0");
    app =
        new SpringApplicationBuilder(ReactiveOrdersApp.class)
            .web(WebApplicationType.REACTIVE)
            .properties(props.toArray(String[]::new))
            .run();
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    base = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theWebFilterIsRegisteredInAReactiveApplication() {
    assertThat(app.getBeansOfType(ConsistencyWebFilter.class)).hasSize(1);
    assertThat(app.getBeansOfType(ConsistencyFilter.class)).isEmpty();
  }

  @Test
  void withTheTokenNoReadIsStaleAndWithoutItSomeAre() {
    pg.node("r1").applyDelay(Duration.ofMillis(200));
    RestClient client = RestClient.builder().build();

    int staleWithToken = 0;
    for (int i = 0; i < 100; i++) {
      ResponseEntity<String> post =
          client.post().uri(base + "/orders").body("with-" + i).retrieve().toEntity(String.class);
      String token = post.getHeaders().getFirst(ConsistencyHeader.NAME);
      assertThat(token).startsWith(DATABASE + "=lsn:");
      if (!found(client, post.getBody(), token)) {
        staleWithToken++;
      }
    }

    int staleWithout = 0;
    for (int i = 0; i < 30; i++) {
      String id =
          client.post().uri(base + "/orders").body("without-" + i).retrieve().body(String.class);
      if (!found(client, id, null)) {
        staleWithout++;
      }
    }

    assertThat(staleWithToken).isZero();
    assertThat(staleWithout).isPositive();
  }

  @Test
  void onlyRequestsThatWroteGetTheTokenAndOtherDatabasesTokensAreIgnored() {
    RestClient client = RestClient.builder().build();
    ResponseEntity<String> post =
        client.post().uri(base + "/orders").body("token").retrieve().toEntity(String.class);
    String token = post.getHeaders().getFirst(ConsistencyHeader.NAME);
    assertThat(token).matches(DATABASE + "=lsn:[0-9A-F]+/[0-9A-F]+");

    ResponseEntity<String> get =
        client
            .get()
            .uri(base + "/orders/" + post.getBody())
            .header(ConsistencyHeader.NAME, "other-db=lsn:FF/0," + token)
            .retrieve()
            .toEntity(String.class);
    assertThat(get.getBody()).isEqualTo("token");
    assertThat(get.getHeaders().get(ConsistencyHeader.NAME)).isNull();

    // a token of another database far in the future does not make this service wait or fail
    ResponseEntity<String> other =
        client
            .get()
            .uri(base + "/orders/" + post.getBody())
            .header(ConsistencyHeader.NAME, "other-db=lsn:FFFF/0")
            .retrieve()
            .toEntity(String.class);
    assertThat(other.getStatusCode().value()).isEqualTo(200);

    // a write keeps the other databases' entries it came with
    ResponseEntity<String> second =
        client
            .post()
            .uri(base + "/orders")
            .header(ConsistencyHeader.NAME, "other-db=lsn:FF/0," + token)
            .body("second")
            .retrieve()
            .toEntity(String.class);
    assertThat(second.getHeaders().getFirst(ConsistencyHeader.NAME))
        .matches("other-db=lsn:FF/0," + DATABASE + "=lsn:[0-9A-F]+/[0-9A-F]+")
        .isNotEqualTo("other-db=lsn:FF/0," + token);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void withLimitedContextPropagationTheStarterWarnsThatBlockingWorkMissesTokens(
      CapturedOutput output) {
    Properties props = new Properties();
    props.putAll(TestClusters.jdbcProperties(pg.cluster(), "limited-db"));
    props.put("ballast.jdbc.read-your-writes", "lsn");
    new ReactiveWebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(BallastReactiveReadYourWritesAutoConfiguration.class))
        .withBean(RoutingDataSource.class, () -> RoutingDataSource.fromProperties(props))
        .withPropertyValues(
            "ballast.jdbc.read-your-writes=lsn", "spring.reactor.context-propagation=limited")
        .run(context -> assertThat(context).hasSingleBean(ConsistencyWebFilter.class));
    assertThat(output)
        .contains(
            "spring.reactor.context-propagation: limited (expected: auto for"
                + " ballast.jdbc.read-your-writes=lsn in a WebFlux application; blocking JDBC work"
                + " on another scheduler will not see Ballast-Consistency tokens)");
  }

  private static boolean found(RestClient client, String id, String token) {
    var get = client.get().uri(base + "/orders/" + id);
    if (token != null) {
      get = get.header(ConsistencyHeader.NAME, token);
    }
    return get.exchange((req, res) -> res.getStatusCode().value() == 200);
  }
}
