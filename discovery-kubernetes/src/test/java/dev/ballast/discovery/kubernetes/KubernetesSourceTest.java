package dev.ballast.discovery.kubernetes;

import static dev.ballast.discovery.kubernetes.K8sFixtures.ids;
import static dev.ballast.discovery.kubernetes.K8sFixtures.props;
import static dev.ballast.discovery.kubernetes.K8sFixtures.source;
import static dev.ballast.discovery.kubernetes.K8sFixtures.threadsNamed;
import static dev.ballast.discovery.kubernetes.Slices.State.NOT_READY;
import static dev.ballast.discovery.kubernetes.Slices.State.READY;
import static dev.ballast.discovery.kubernetes.Slices.State.STARTING;
import static dev.ballast.discovery.kubernetes.Slices.State.TERMINATING;
import static dev.ballast.discovery.kubernetes.Slices.State.TERMINATING_NOT_SERVING;
import static dev.ballast.discovery.kubernetes.Slices.endpoint;
import static dev.ballast.discovery.kubernetes.Slices.port;
import static dev.ballast.discovery.kubernetes.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.DiscoveredEndpointSource;
import dev.ballast.lb.Endpoint;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes source against fabric8's mock API server in CRUD mode: what it reads from
 * EndpointSlices, and that closing it leaves no thread behind.
 */
class KubernetesSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static ApiServer api;
  private static KubernetesClient admin;

  @BeforeAll
  static void startApiServer() throws Exception {
    api = new ApiServer();
    admin = api.admin();
  }

  @AfterAll
  static void stopApiServer() {
    admin.close();
    api.close();
  }

  @Test
  void mergesTheServicesSlicesWithZonesHintsAndConditions() {
    admin
        .resource(
            slice(
                "orders-x1",
                "orders",
                List.of(port("http", 8080)),
                endpoint("10.0.1.1", "a", "p1", READY),
                endpoint("10.0.1.2", "a", "p2", STARTING),
                endpoint("10.0.1.3", "b", "p3", TERMINATING)))
        .create();
    admin
        .resource(
            slice(
                "orders-x2",
                "orders",
                List.of(port("http", 8080)),
                new EndpointBuilder(endpoint("10.0.2.1", "b", "p4", READY))
                    .withNewHints()
                    .addNewForZone("c")
                    .addNewForZone("b")
                    .endHints()
                    .build(),
                endpoint("10.0.2.2", "c", "p5", TERMINATING_NOT_SERVING),
                endpoint("10.0.2.3", "c", "p6", NOT_READY)))
        .create();
    // Another service's slice in the same namespace is not ours.
    admin
        .resource(
            slice(
                "billing-x1",
                "billing",
                List.of(port("http", 8080)),
                endpoint("10.0.9.9", "a", "b1", READY)))
        .create();

    DiscoveredEndpointSource source = source("orders", props("orders", api.url()));
    try {
      source.subscribe(set -> {});
      await().atMost(WAIT).until(() -> source.reported().size() == 3);
      assertThat(source.reported())
          .extracting(
              d -> d.endpoint().id(), d -> d.endpoint().zone(), DiscoveredEndpoint::draining)
          .containsExactly(
              tuple("10.0.1.1:8080", "a", false),
              tuple("10.0.1.3:8080", "b", true),
              tuple("10.0.2.1:8080", "b", false));
      assertThat(ids(source)).containsExactly("10.0.1.1:8080", "10.0.2.1:8080");
      Endpoint hinted = source.current().endpoints().get(1);
      assertThat(hinted.metadata())
          .containsEntry("k8s.hints.for-zones", "b,c")
          .containsEntry("k8s.pod", "p4")
          .containsEntry("scheme", "http");
      assertThat(source.errors()).isZero();

      // The starting pod becomes ready, the terminating one goes: followed through the watch.
      admin
          .resource(
              slice(
                  "orders-x1",
                  "orders",
                  List.of(port("http", 8080)),
                  endpoint("10.0.1.1", "a", "p1", READY),
                  endpoint("10.0.1.2", "a", "p2", READY)))
          .update();
      await()
          .atMost(WAIT)
          .until(
              () -> ids(source).equals(List.of("10.0.1.1:8080", "10.0.1.2:8080", "10.0.2.1:8080")));
      assertThat(source.reported()).noneMatch(DiscoveredEndpoint::draining);

      admin.resource(slice("orders-x2", "orders", List.of(port("http", 8080)))).delete();
      await()
          .atMost(WAIT)
          .until(() -> ids(source).equals(List.of("10.0.1.1:8080", "10.0.1.2:8080")));
      assertThat(source.errors()).isZero();
    } finally {
      source.close();
    }
  }

  @Test
  void severalPortsWithoutAPortNameIsAnErrorNamingThemAndTheKey() {
    admin
        .resource(
            slice(
                "multi-x1",
                "multi",
                List.of(port("http", 8080), port("metrics", 9100)),
                endpoint("10.0.3.1", "a", "m1", READY)))
        .create();
    DiscoveredEndpointSource unnamed = source("multi", props("multi", api.url()));
    DiscoveredEndpointSource named =
        source("multi", props("multi", api.url(), "discovery.kubernetes.port-name", "metrics"));
    DiscoveredEndpointSource missing =
        source("multi", props("multi", api.url(), "discovery.kubernetes.port-name", "grpc"));
    try {
      unnamed.subscribe(set -> {});
      named.subscribe(set -> {});
      missing.subscribe(set -> {});
      await().atMost(WAIT).until(() -> ids(named).equals(List.of("10.0.3.1:9100")));
      await().atMost(WAIT).until(() -> unnamed.health() == DiscoveredEndpointSource.Health.FAILING);
      assertThat(unnamed.description())
          .contains(
              "service 'multi' in namespace 'test' publishes several ports (http=8080,"
                  + " metrics=9100): set ballast.http.services.multi.discovery.kubernetes.port-name"
                  + " to one of them");
      await().atMost(WAIT).until(() -> missing.health() == DiscoveredEndpointSource.Health.FAILING);
      assertThat(missing.description())
          .contains(
              "service 'multi' in namespace 'test' publishes no port named 'grpc' (ports:"
                  + " http=8080, metrics=9100)");
    } finally {
      unnamed.close();
      named.close();
      missing.close();
    }
  }

  @Test
  void startingWaitsForTheFirstListSoThatTheSetIsThereAtOnce() {
    admin
        .resource(
            slice(
                "instant-x1",
                "instant",
                List.of(port("http", 8080)),
                endpoint("10.0.6.1", "a", "i1", READY)))
        .create();
    // A first source warms fabric8 up (class loading, JSON), which can take seconds on a loaded
    // machine, longer than the wait this test is about.
    DiscoveredEndpointSource warm = source("instant", props("instant", api.url()));
    warm.subscribe(set -> {});
    await().atMost(WAIT).until(() -> ids(warm).equals(List.of("10.0.6.1:8080")));
    warm.close();

    DiscoveredEndpointSource source = source("instant", props("instant", api.url()));
    try {
      source.subscribe(set -> {});
      assertThat(ids(source)).containsExactly("10.0.6.1:8080");
    } finally {
      source.close();
    }
  }

  @Test
  void closingStopsEveryThreadItStarted() {
    admin
        .resource(
            slice(
                "closing-x1",
                "closing",
                List.of(port("http", 8080)),
                endpoint("10.0.4.1", "a", "c1", READY)))
        .create();
    DiscoveredEndpointSource source = source("closing", props("closing", api.url()));
    source.subscribe(set -> {});
    await().atMost(WAIT).until(() -> ids(source).equals(List.of("10.0.4.1:8080")));
    // The watch loop, and fabric8's task and HTTP pools, which this module names after the service.
    assertThat(threadsNamed("ballast-k8s-closing-watch-")).hasSize(1);
    assertThat(threadsNamed("ballast-k8s-closing-client-")).isNotEmpty();

    source.close();
    assertThat(threadsNamed("ballast-k8s-closing")).isEmpty();
  }

  @Test
  void expiredWatchIsFollowedByAFreshListAndANewWatch() throws Exception {
    admin
        .resource(
            slice(
                "expiry-x1",
                "expiry",
                List.of(port("http", 8080)),
                endpoint("10.0.5.1", "a", "e1", READY)))
        .create();
    // The list the source is about to make returns this resource version; its watch starts there.
    String version =
        admin
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace("test")
            .withLabel(SliceWatch.SERVICE_NAME_LABEL, "expiry")
            .list()
            .getMetadata()
            .getResourceVersion();
    // That watch is answered, once, the way an API server answers a watch from a compacted
    // resource version: an ERROR event carrying a 410 Status. The CRUD store's own watches never
    // expire, so this expectation stands in for etcd compaction; it forwards no other event.
    api.expect()
        .get()
        .withPath(
            "/apis/discovery.k8s.io/v1/namespaces/test/endpointslices?allowWatchBookmarks=true"
                + "&labelSelector=kubernetes.io%2Fservice-name%3Dexpiry&resourceVersion="
                + version
                + "&watch=true")
        .andUpgradeToWebSocket()
        .open()
        .waitFor(1_500)
        .andEmit(
            new WatchEvent(
                new StatusBuilder()
                    .withCode(410)
                    .withReason("Expired")
                    .withMessage("too old resource version: " + version)
                    .build(),
                "ERROR"))
        .done()
        .once();

    DiscoveredEndpointSource source = source("expiry", props("expiry", api.url()));
    try {
      source.subscribe(set -> {});
      await().atMost(WAIT).until(() -> ids(source).equals(List.of("10.0.5.1:8080")));
      // Written while the expiring watch is open: it cannot carry this change, only a new list can.
      admin
          .resource(
              slice(
                  "expiry-x2",
                  "expiry",
                  List.of(port("http", 8080)),
                  endpoint("10.0.5.2", "b", "e2", READY)))
          .create();
      await()
          .atMost(WAIT)
          .until(() -> ids(source).equals(List.of("10.0.5.1:8080", "10.0.5.2:8080")));
      // The new watch follows further changes.
      admin.resource(slice("expiry-x1", "expiry", List.of(port("http", 8080)))).delete();
      await().atMost(WAIT).until(() -> ids(source).equals(List.of("10.0.5.2:8080")));
      assertThat(source.errors()).isZero();
      List<String> calls =
          api.requestPaths().stream()
              .filter(p -> p.contains("service-name%3Dexpiry"))
              .map(
                  p ->
                      p.contains("watch=true")
                          ? p.replaceAll(".*resourceVersion=(\\d+).*", "watch@$1")
                          : "list")
              .toList();
      // The admin's list, the source's list, the expiring watch, the new list, the new watch.
      assertThat(calls)
          .containsExactly(
              "list", "list", "watch@" + version, "list", "watch@" + (Long.parseLong(version) + 1));
    } finally {
      source.close();
    }
  }
}
