package dev.ballast.http;

import static dev.ballast.http.TestSupport.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.lb.ConfigException;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code discovery=<name>} from properties: the source found by name routes calls, keeps its last
 * good set through errors, an empty set fails calls naming the service and the source, its meters
 * are bound, and closing the client stops it. Bad keys fail at start-up like every other key.
 */
class DiscoveryPropertiesTest {
  private static final String SVC = "ballast.http.services.orders.";

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("disco").instances(2));

  private static Properties scripted(String script) {
    return props(SVC + "discovery", "scripted", SVC + "discovery.scripted.script", script);
  }

  @Test
  void routesToTheDiscoveredSetKeepsItThroughErrorsAndHonoursAnEmptyOne() {
    ScriptedDiscovery discovery = ScriptedDiscovery.named("routes");
    HttpInstance i1 = farm.instance("i1");
    HttpInstance i2 = farm.instance("i2");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BallastHttpClient client = BallastHttpClient.fromProperties(scripted("routes"), registry);
    try {
      assertThat(discovery.starts.get()).isEqualTo(1);
      discovery.report(i1, i2);
      // the client's control plane applies a set on its own thread: wait for it
      client.loadBalancer("orders").flush().join();
      for (int i = 0; i < 10; i++) {
        assertThat(client.send(ServiceRequest.get("orders", "/a").build()).statusCode())
            .isEqualTo(200);
      }
      assertThat(i1.requestCount()).isPositive();
      assertThat(i2.requestCount()).isPositive();

      discovery.fail("registry unreachable");
      discovery.fail("registry unreachable");
      for (int i = 0; i < 10; i++) {
        assertThat(client.send(ServiceRequest.get("orders", "/b").build()).statusCode())
            .isEqualTo(200);
      }
      assertThat(i1.requestCount() + i2.requestCount()).isEqualTo(20);
      assertThat(
              registry
                  .get("ballast.discovery.errors")
                  .tag("service", "orders")
                  .tag("source", "scripted")
                  .functionCounter()
                  .count())
          .isEqualTo(2.0);
      assertThat(registry.get("ballast.discovery.updates").functionCounter().count())
          .isEqualTo(1.0);
      assertThat(registry.get("ballast.discovery.staleness").gauge().value()).isNotNegative();

      discovery.report();
      client.loadBalancer("orders").flush().join();
      assertThatThrownBy(() -> client.send(ServiceRequest.get("orders", "/c").build()))
          .isInstanceOf(NoAvailableEndpointException.class)
          .hasMessageStartingWith(
              "GET /c on service 'orders' failed: no endpoint available (service 'orders' has no"
                  + " endpoints)")
          .hasMessageContaining("source: discovery 'scripted': up to date, 0 endpoints");
    } finally {
      client.close();
    }
    assertThat(discovery.stops.get()).isEqualTo(1);
    assertThat(registry.find("ballast.discovery.updates").meters()).isEmpty();
  }

  @Test
  void endpointsAndDiscoveryTogetherAreAProblem() {
    ScriptedDiscovery.named("both");
    Properties p = scripted("both");
    p.setProperty(SVC + "endpoints", "http://127.0.0.1:1");
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            SVC
                + "endpoints: http://127.0.0.1:1 (expected: no endpoints when "
                + SVC
                + "discovery is set (one source per service))");
  }

  @Test
  void anUnknownSourceOrKeyFailsAtStartUpWithADidYouMean() {
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(props(SVC + "discovery", "scriptd")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SVC + "discovery: scriptd (expected: the name of a discovery source")
        .hasMessageContaining("did you mean 'scripted'?");

    ScriptedDiscovery.named("typo");
    Properties p = scripted("typo");
    p.setProperty(SVC + "discovery.scripted.scrpit", "typo");
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            SVC
                + "discovery.scripted.scrpit: typo (expected: a known key; did you mean '"
                + SVC
                + "discovery.scripted.script'?)");
  }

  @Test
  void aGivenProviderIsUsedByNameBesideTheClassPathOnes() {
    HttpInstance i1 = farm.instance("i1");
    dev.ballast.lb.EndpointSourceProvider given =
        new dev.ballast.lb.EndpointSourceProvider() {
          @Override
          public String name() {
            return "given";
          }

          @Override
          public dev.ballast.lb.Discovery bind(
              String service, dev.ballast.lb.ConfigReader.Scope k) {
            String zone = k.string("zone", "");
            return listener -> {
              listener.onEndpoints(
                  java.util.List.of(
                      dev.ballast.lb.DiscoveredEndpoint.serving(
                          dev.ballast.lb.Endpoint.builder(i1.host(), i1.port())
                              .zone(zone)
                              .build())));
              return () -> {};
            };
          }
        };
    Properties p = props(SVC + "discovery", "given", SVC + "discovery.given.zone", "z1");
    try (BallastHttpClient client =
        BallastHttpClient.builder(p, java.util.List.of(given)).build()) {
      client.loadBalancer("orders").flush().join();
      ServiceResponse r = client.send(ServiceRequest.get("orders", "/given").build());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.endpoint().zone()).isEqualTo("z1");
    }
    // without it, the name is unknown and the class path's sources are listed
    assertThatThrownBy(() -> BallastHttpClient.fromProperties(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            SVC
                + "discovery: given (expected: the name of a discovery source on the class path,"
                + " one of [dns, dns-srv, scripted])");
  }
}
