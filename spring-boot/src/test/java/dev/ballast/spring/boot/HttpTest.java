package dev.ballast.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.spring.boot.gateway.GatewayApp;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * With {@code ballast.http.services.orders.endpoints} set, Boot's RestClient and RestTemplate send
 * {@code http://orders/...} through Ballast to the testkit farm (spread over its instances, a GET
 * retried on another instance when one is down) and every other host directly. One farm and one
 * context for the class.
 */
@SpringBootTest(
    classes = GatewayApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HttpTest {
  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().instances(3));

  @DynamicPropertySource
  static void ballast(DynamicPropertyRegistry registry) {
    registry.add("ballast.http.services.orders.endpoints", () -> farm.farm().endpointSpecs());
    registry.add("ballast.http.services.orders.strategy", () -> "round-robin");
    registry.add("ballast.http.services.orders.retry.backoff", () -> "1ms");
  }

  @Autowired RestClient.Builder restClientBuilder;
  @Autowired RestTemplateBuilder restTemplateBuilder;
  @Autowired BallastHttpClient ballast;

  @Test
  void restClientSendsServiceHostsThroughBallastToEveryInstance() {
    RestClient client = restClientBuilder.build();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      ResponseEntity<String> r =
          client.get().uri("http://orders/api/items?page=2").retrieve().toEntity(String.class);
      assertThat(r.getStatusCode().value()).isEqualTo(200);
      seen.add(r.getBody());
    }
    assertSpreadOverTheFarm(seen);
    assertThat(farm.instances())
        .flatExtracting(HttpInstance::requestLog)
        .anySatisfy(req -> assertThat(req.path()).startsWith("/api/items").contains("page=2"));
  }

  @Test
  void otherHostsGoOutUnchanged() {
    HttpInstance one = farm.instances().get(1);
    RestClient client = restClientBuilder.build();
    for (int i = 0; i < 10; i++) {
      String body =
          client
              .get()
              .uri("http://127.0.0.1:" + one.port() + "/direct")
              .retrieve()
              .body(String.class);
      assertThat(body).isEqualTo(one.id());
    }
  }

  @Test
  void aGetIsRetriedOnAnotherInstanceWhenOneIsKilled() {
    HttpInstance killed = farm.instances().get(2);
    killed.stop();
    RestClient client = restClientBuilder.build();
    for (int i = 0; i < 30; i++) {
      ResponseEntity<String> r =
          client.get().uri("http://orders/api/items").retrieve().toEntity(String.class);
      assertThat(r.getStatusCode().value()).isEqualTo(200);
      assertThat(r.getBody()).isNotEqualTo(killed.id());
    }
  }

  @Test
  void restTemplateSendsServiceHostsThroughBallastToo() {
    var template = restTemplateBuilder.build();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      seen.add(template.postForObject("http://orders/api/items", "item", String.class));
    }
    assertSpreadOverTheFarm(seen);
    assertThat(ballast.services()).containsExactly("orders");
  }

  /**
   * Every response came from the farm, from more than one instance: a request to one host name
   * cannot reach several servers unless Ballast picked them. (An instance killed by another test
   * may still be ejected, so not all three are required.)
   */
  private static void assertSpreadOverTheFarm(Set<String> seen) {
    assertThat(ids()).containsAll(seen);
    assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
  }

  private static Set<String> ids() {
    Set<String> ids = new HashSet<>();
    farm.instances().forEach(i -> ids.add(i.id()));
    return ids;
  }
}
