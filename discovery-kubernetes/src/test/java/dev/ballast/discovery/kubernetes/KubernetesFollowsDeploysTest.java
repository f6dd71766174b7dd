package dev.ballast.discovery.kubernetes;

import static dev.ballast.discovery.kubernetes.K8sFixtures.ids;
import static dev.ballast.discovery.kubernetes.K8sFixtures.props;
import static dev.ballast.discovery.kubernetes.Slices.State.READY;
import static dev.ballast.discovery.kubernetes.Slices.State.STARTING;
import static dev.ballast.discovery.kubernetes.Slices.State.TERMINATING;
import static dev.ballast.discovery.kubernetes.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.NoAvailableEndpointException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP client following a Kubernetes Service through fabric8's mock API server (CRUD mode),
 * with real testkit instances behind the addresses: a rolling update of a Deployment written the
 * way the EndpointSlice controller writes it, an API server outage, and a service scaled to zero.
 */
class KubernetesFollowsDeploysTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder()
              .name("k8s-deploy")
              .instance("v1a", "a")
              .instance("v1b", "b")
              .instance("v2a", "a")
              .instance("v2b", "b")
              .instance("o1", "a")
              .instance("o2", "b"));

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

  private static List<String> balanced(BallastHttpClient client, String service) {
    return client.loadBalancer(service).endpoints().stream()
        .map(EndpointStatus::endpoint)
        .map(e -> e.id())
        .sorted()
        .toList();
  }

  /**
   * maxSurge 1, maxUnavailable 0, one pod at a time, as the EndpointSlice controller records it:
   * the new pod's endpoint appears not ready, then ready; the old pod's turns serving and
   * terminating when the pod is deleted, and leaves the slice when the pod is gone. The instances
   * listen on distinct ports, so each pod has its own slice, as the controller does for pods whose
   * port mappings differ.
   */
  @Test
  void aRollingUpdateCostsNoCallAndTheDrainingPodGetsNoNewCall() throws Exception {
    HttpInstance v1a = farm.instance("v1a");
    HttpInstance v1b = farm.instance("v1b");
    HttpInstance v2a = farm.instance("v2a");
    HttpInstance v2b = farm.instance("v2b");
    admin.resource(slice("rollout", v1a, READY)).create();
    admin.resource(slice("rollout", v1b, READY)).create();
    BallastHttpClient client =
        BallastHttpClient.fromProperties(props("rollout", api.url()), new SimpleMeterRegistry());
    await().atMost(WAIT).until(() -> balanced(client, "rollout").equals(ids(v1a, v1b)));
    try (Load load = new Load(client, "rollout", 2)) {
      await().atMost(WAIT).until(() -> load.completed() > 50);

      replace(client, load, v1a, v2a);
      replace(client, load, v1b, v2b);

      assertThat(balanced(client, "rollout")).isEqualTo(ids(v2a, v2b));
      v2a.mark();
      v2b.mark();
      long before = load.completed();
      await().atMost(WAIT).until(() -> load.completed() > before + 100);
      assertThat(v2a.countSinceMark()).isPositive();
      assertThat(v2b.countSinceMark()).isPositive();
      load.close();
      System.out.printf(
          "rolling update: %d calls (%d POST), %d failed%n",
          load.completed(), load.posts(), load.failures().size());
      assertThat(load.failures()).isEmpty();
      assertThat(load.posts()).isPositive();

      // Closed with the client: the watch loop and fabric8's pools go with it.
      assertThat(K8sFixtures.threadsNamed("ballast-k8s-rollout")).isNotEmpty();
      client.close();
      assertThat(K8sFixtures.threadsNamed("ballast-k8s-rollout")).isEmpty();
    } finally {
      client.close();
      v1a.start();
      v1b.start();
    }
  }

  private void replace(BallastHttpClient client, Load load, HttpInstance old, HttpInstance next) {
    // The new pod is scheduled: its endpoint is published, not ready.
    admin.resource(slice("rollout", next, STARTING)).create();
    // Its readiness probe passes.
    admin.resource(slice("rollout", next, READY)).update();
    await().atMost(WAIT).until(() -> balanced(client, "rollout").contains(ids(next).get(0)));

    // The old pod is deleted: still serving while its process shuts down. Calls on it take a while,
    // so some are in flight when it turns draining.
    old.latency(Duration.ofMillis(50));
    admin.resource(slice("rollout", old, TERMINATING)).update();
    await().atMost(WAIT).until(() -> !balanced(client, "rollout").contains(ids(old).get(0)));
    // Every call started so far may have picked the old pod; once they have all ended, none may.
    long pickedBefore = load.started();
    await().atMost(WAIT).until(() -> load.completed() >= pickedBefore);
    old.mark();
    long now = load.completed();
    await().atMost(WAIT).until(() -> load.completed() > now + 100);
    assertThat(old.countSinceMark()).as("new calls on the draining pod " + old.id()).isZero();

    // The grace period ends: the pod is gone from the slice, then its process stops.
    admin.resource(slice("rollout", old, TERMINATING)).delete();
    await().atMost(WAIT).until(() -> old.activeConnections() == 0);
    old.clearFaults();
    old.stop();
  }

  @Test
  void keepsTheLastKnownSetWhileTheApiServerIsDownAndFollowsAgainWhenItIsBack() throws Exception {
    HttpInstance o1 = farm.instance("o1");
    HttpInstance o2 = farm.instance("o2");
    // An API server of its own: the shared one may still be busy with watches other tests closed
    // (see ApiServer#close), and this one must stop and start on time.
    ApiServer own = new ApiServer();
    try (KubernetesClient ownAdmin = own.admin()) {
      ownAdmin.resource(slice("outage", o1, READY)).create();
      ownAdmin.resource(slice("outage", o2, READY)).create();
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    BallastHttpClient client = BallastHttpClient.fromProperties(props("outage", own.url()), meters);
    try {
      await().atMost(WAIT).until(() -> balanced(client, "outage").equals(ids(o1, o2)));

      own.stop();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  meters
                          .get("ballast.discovery.errors")
                          .tag("service", "outage")
                          .tag("source", "kubernetes")
                          .functionCounter()
                          .count()
                      >= 2);
      int failed = 0;
      for (int i = 0; i < 50; i++) {
        try {
          client.send(ServiceRequest.get("outage", "/during").build());
        } catch (RuntimeException e) {
          failed++;
        }
      }
      assertThat(failed).isZero();
      assertThat(balanced(client, "outage")).isEqualTo(ids(o1, o2));
      assertThat(meters.get("ballast.discovery.staleness").gauge().value()).isPositive();

      own.start();
      try (KubernetesClient again = own.admin()) {
        again.resource(slice("outage", o2, TERMINATING)).update();
      }
      await().atMost(WAIT).until(() -> balanced(client, "outage").equals(ids(o1)));
      o2.mark();
      for (int i = 0; i < 30; i++) {
        assertThat(client.send(ServiceRequest.get("outage", "/after").build()).endpoint().id())
            .isEqualTo(ids(o1).get(0));
      }
      assertThat(o2.countSinceMark()).isZero();
    } finally {
      client.close();
      own.close();
    }
  }

  @Test
  void aServiceWithNoEndpointFailsCallsNamingTheServiceAndTheSource() throws Exception {
    HttpInstance o1 = farm.instance("o1");
    admin.resource(slice("shrinking", o1, READY)).create();
    BallastHttpClient client =
        BallastHttpClient.fromProperties(
            props("shrinking", api.url(), "discovery.kubernetes.service", "shrinking"));
    Properties ghost = props("ghost", api.url());
    BallastHttpClient ghostClient = BallastHttpClient.fromProperties(ghost);
    try {
      await().atMost(WAIT).until(() -> balanced(client, "shrinking").equals(ids(o1)));
      assertThat(client.send(ServiceRequest.get("shrinking", "/one").build()).statusCode())
          .isEqualTo(200);

      // Scaled to zero: the controller keeps one slice, with no endpoint and no port.
      admin.resource(slice("shrinking-o1", "shrinking", List.of())).update();
      await().atMost(WAIT).until(() -> balanced(client, "shrinking").isEmpty());
      assertThatThrownBy(() -> client.send(ServiceRequest.get("shrinking", "/none").build()))
          .isInstanceOf(NoAvailableEndpointException.class)
          .hasMessageStartingWith(
              "GET /none on service 'shrinking' failed: no endpoint available (service"
                  + " 'shrinking' has no endpoints)")
          .hasMessageContaining("source: discovery 'kubernetes': up to date, 0 endpoints");

      // A service without a single EndpointSlice (never deployed) reads the same.
      ghostClient.loadBalancer("ghost").flush().join();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThatThrownBy(
                          () -> ghostClient.send(ServiceRequest.get("ghost", "/x").build()))
                      .isInstanceOf(NoAvailableEndpointException.class)
                      .hasMessageContaining("service 'ghost' has no endpoints")
                      .hasMessageContaining(
                          "source: discovery 'kubernetes': up to date, 0 endpoints"));
    } finally {
      client.close();
      ghostClient.close();
    }
  }
}
