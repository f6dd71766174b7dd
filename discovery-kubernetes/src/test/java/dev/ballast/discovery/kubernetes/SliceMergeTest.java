package dev.ballast.discovery.kubernetes;

import static dev.ballast.discovery.kubernetes.Slices.State.READY;
import static dev.ballast.discovery.kubernetes.Slices.State.TERMINATING;
import static dev.ballast.discovery.kubernetes.Slices.endpoint;
import static dev.ballast.discovery.kubernetes.Slices.port;
import static dev.ballast.discovery.kubernetes.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ballast.lb.DiscoveredEndpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge of a Service's slices into one set, without a server. */
class SliceMergeTest {
  private static final KubernetesTarget TARGET =
      new KubernetesTarget(
          "orders",
          "shop",
          null,
          "k.port-name",
          null,
          Duration.ofSeconds(1),
          Duration.ofSeconds(30));

  private static List<DiscoveredEndpoint> merge(String portName, EndpointSlice... slices) {
    SliceMerge.Result r = SliceMerge.merge(List.of(slices), portName, TARGET, "k.port-name");
    assertThat(r).isInstanceOf(SliceMerge.Endpoints.class);
    return ((SliceMerge.Endpoints) r).endpoints();
  }

  @Test
  void anAddressInTwoSlicesCountsOnceInItsMostAvailableState() {
    // The controller moving an endpoint writes the new slice before trimming the old one.
    List<DiscoveredEndpoint> set =
        merge(
            null,
            slice(
                "orders-1",
                "orders",
                List.of(port("http", 8080)),
                endpoint("10.0.0.1", "a", "p", TERMINATING)),
            slice(
                "orders-2",
                "orders",
                List.of(port("http", 8080)),
                endpoint("10.0.0.1", "a", "p", READY)));
    assertThat(set)
        .extracting(d -> d.endpoint().id(), DiscoveredEndpoint::draining)
        .containsExactly(tuple("10.0.0.1:8080", false));
  }

  @Test
  void missingConditionsReadAsReadyAndHttpsComesFromTheAppProtocol() {
    EndpointSlice s =
        slice(
            "orders-1",
            "orders",
            List.of(
                new EndpointPortBuilder()
                    .withName("web")
                    .withPort(8443)
                    .withAppProtocol("https")
                    .build()),
            new EndpointBuilder().withAddresses("10.0.0.7").build());
    assertThat(merge(null, s))
        .extracting(
            d -> d.endpoint().id(),
            d -> d.endpoint().zone(),
            d -> d.endpoint().metadata().get("scheme"),
            DiscoveredEndpoint::draining)
        .containsExactly(tuple("10.0.0.7:8443", "", "https", false));
  }

  @Test
  void theSamePortNameMayMapToOtherNumbersInOtherSlices() {
    // A rollout that changes the container port: old and new pods are in different slices.
    List<DiscoveredEndpoint> set =
        merge(
            "http",
            slice(
                "orders-1",
                "orders",
                List.of(port("http", 8080)),
                endpoint("10.0.0.1", "a", "old", READY)),
            slice(
                "orders-2",
                "orders",
                List.of(port("http", 9090)),
                endpoint("10.0.0.2", "a", "new", READY)));
    assertThat(set)
        .extracting(d -> d.endpoint().id())
        .containsExactly("10.0.0.1:8080", "10.0.0.2:9090");
  }

  @Test
  void anUnnamedSinglePortIsTheDefaultAndAnEmptyPlaceholderSliceIsAnEmptySet() {
    assertThat(
            merge(
                null,
                slice(
                    "orders-1",
                    "orders",
                    List.of(new EndpointPortBuilder().withPort(80).build()),
                    endpoint("10.0.0.1", "a", "p", READY))))
        .extracting(d -> d.endpoint().id())
        .containsExactly("10.0.0.1:80");
    assertThat(merge(null, slice("orders-1", "orders", List.of()))).isEmpty();
    assertThat(merge(null)).isEmpty();
  }
}
