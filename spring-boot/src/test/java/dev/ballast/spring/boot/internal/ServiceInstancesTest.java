package dev.ballast.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

class ServiceInstancesTest {
  private final List<String> problems = new ArrayList<>();

  private List<Endpoint> map(ServiceInstance... instances) {
    List<DiscoveredEndpoint> out =
        ServiceInstances.toEndpoints(List.of(instances), "zone", "weight", problems::add);
    assertThat(out).noneMatch(DiscoveredEndpoint::draining);
    return out.stream().map(DiscoveredEndpoint::endpoint).toList();
  }

  private static ServiceInstance instance(
      String id, String host, int port, boolean secure, Map<String, String> metadata) {
    return new DefaultServiceInstance(id, "orders", host, port, secure, metadata);
  }

  @Test
  void addressSchemeZoneWeightAndIdComeFromTheInstance() {
    List<Endpoint> endpoints =
        map(
            instance("i-1", "10.0.1.5", 8080, false, Map.of("zone", "a", "weight", "3")),
            instance(null, "10.0.2.7", 8443, true, Map.of()));

    assertThat(endpoints).hasSize(2);
    Endpoint first = endpoints.get(0);
    assertThat(first.id()).isEqualTo("i-1");
    assertThat(first.host()).isEqualTo("10.0.1.5");
    assertThat(first.port()).isEqualTo(8080);
    assertThat(first.zone()).isEqualTo("a");
    assertThat(first.weight()).isEqualTo(3);
    assertThat(first.metadata()).containsEntry("scheme", "http");
    Endpoint second = endpoints.get(1);
    assertThat(second.id()).isEqualTo("10.0.2.7:8443");
    assertThat(second.zone()).isEmpty();
    assertThat(second.weight()).isEqualTo(1);
    assertThat(second.metadata()).containsEntry("scheme", "https");
    assertThat(problems).isEmpty();
  }

  @Test
  void aBadWeightCountsAsOneAndIsReported() {
    List<Endpoint> endpoints =
        map(
            instance("i-1", "10.0.1.5", 8080, false, Map.of("weight", "heavy")),
            instance("i-2", "10.0.1.6", 8080, false, Map.of("weight", "0")));

    assertThat(endpoints).extracting(Endpoint::weight).containsExactly(1, 1);
    assertThat(problems)
        .containsExactly(
            "instance 10.0.1.5:8080 metadata weight: heavy (expected: an integer >= 1); weight 1"
                + " used",
            "instance 10.0.1.6:8080 metadata weight: 0 (expected: an integer >= 1); weight 1 used");
  }

  @Test
  void anInstanceWithoutAnAddressOrWithAnotherSchemeIsSkippedAndTheRestKept() {
    List<Endpoint> endpoints =
        map(
            new Plain("10.0.1.7", 9090, "grpc"),
            new Plain("10.0.1.8", -1, null),
            new Plain("", 8080, null),
            instance("ok", "10.0.1.9", 8080, false, Map.of("zone", "b")));

    assertThat(endpoints).extracting(Endpoint::id).containsExactly("ok");
    assertThat(problems)
        .containsExactly(
            "instance 10.0.1.7:9090 has scheme 'grpc' (expected: http or https); skipped",
            "instance plain 10.0.1.8:-1 has no usable host and port; skipped",
            "instance plain :8080 has no usable host and port; skipped");
  }

  /** An instance as a registry other than the simple one may hand it over, scheme included. */
  private record Plain(String host, int port, @org.jspecify.annotations.Nullable String scheme)
      implements ServiceInstance {
    @Override
    public String getServiceId() {
      return "orders";
    }

    @Override
    public String getHost() {
      return host;
    }

    @Override
    public int getPort() {
      return port;
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public java.net.URI getUri() {
      return java.net.URI.create("http://127.0.0.1");
    }

    @Override
    public Map<String, String> getMetadata() {
      return Map.of();
    }

    @Override
    public @org.jspecify.annotations.Nullable String getScheme() {
      return scheme;
    }

    @Override
    public String toString() {
      return "plain " + host + ":" + port;
    }
  }

  @Test
  void anIdListedTwiceKeepsTheFirstInstance() {
    List<Endpoint> endpoints =
        map(
            instance("same", "10.0.1.5", 8080, false, Map.of()),
            instance("same", "10.0.1.6", 8080, false, Map.of()));

    assertThat(endpoints).extracting(Endpoint::host).containsExactly("10.0.1.5");
    assertThat(problems).containsExactly("instance id 'same' listed twice; the first one is used");
  }
}
