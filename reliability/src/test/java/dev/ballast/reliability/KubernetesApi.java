package dev.ballast.reliability;

import dev.ballast.testkit.HttpInstance;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes API server for the scenarios: fabric8's mock server in CRUD mode on 127.0.0.1 (a
 * real one cannot run here), which can be stopped and started again on the same port with its
 * objects kept, and an admin client that writes EndpointSlices the way the EndpointSlice controller
 * does. Each pod has its own slice: testkit instances listen on distinct ports of one address, and
 * the controller keeps one slice per distinct port mapping.
 */
final class KubernetesApi implements AutoCloseable {
  static final String NAMESPACE = "prod";

  /** Endpoint conditions over a pod's life, as the controller writes them. */
  enum PodState {
    STARTING(false, false, false),
    READY(true, true, false),
    TERMINATING(false, true, true),
    STOPPED(false, false, true);

    final boolean ready;
    final boolean serving;
    final boolean terminating;

    PodState(boolean ready, boolean serving, boolean terminating) {
      this.ready = ready;
      this.serving = serving;
      this.terminating = terminating;
    }
  }

  private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
  private final KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(expectations);
  private KubernetesMockServer server;
  private @Nullable KubernetesClient admin;
  private final int port;
  private boolean running;

  KubernetesApi() throws Exception {
    server = newServer();
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    port = server.getPort();
    running = true;
  }

  private KubernetesMockServer newServer() {
    return new KubernetesMockServer(
        new Context(), new MockWebServer(), expectations, dispatcher, false);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Writes {@code pod}'s slice for {@code service} in {@code state} (created or replaced). */
  synchronized void write(String service, HttpInstance pod, PodState state) {
    admin().resource(slice(service, pod, state)).createOr(NonDeletingOperation::update);
  }

  /** Deletes {@code pod}'s slice: the pod object is gone. */
  synchronized void delete(String service, HttpInstance pod) {
    admin().resource(slice(service, pod, PodState.STOPPED)).delete();
  }

  // One client per server run: a restarted server is reached through fresh connections.
  private KubernetesClient admin() {
    KubernetesClient c = admin;
    if (c == null) {
      c = newAdmin();
      admin = c;
    }
    return c;
  }

  private KubernetesClient newAdmin() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withNamespace(NAMESPACE)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static EndpointSlice slice(String service, HttpInstance pod, PodState state) {
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withName(service + "-" + pod.id())
        .withNamespace(NAMESPACE)
        .addToLabels("kubernetes.io/service-name", service)
        .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
        .endMetadata()
        .withAddressType("IPv4")
        .addNewPort()
        .withName("http")
        .withPort(pod.port())
        .withProtocol("TCP")
        .endPort()
        .addNewEndpoint()
        .withAddresses(pod.host())
        .withZone(pod.zone())
        .withNodeName("node-" + pod.zone())
        .withNewConditions()
        .withReady(state.ready)
        .withServing(state.serving)
        .withTerminating(state.terminating)
        .endConditions()
        .withNewTargetRef()
        .withKind("Pod")
        .withName(pod.id())
        .withNamespace(NAMESPACE)
        .endTargetRef()
        .endEndpoint()
        .build();
  }

  /** Stops the HTTP server: connections and watches close, the objects stay. */
  synchronized void stop() {
    if (running) {
      if (admin != null) {
        admin.close();
        admin = null;
      }
      server.destroy();
      running = false;
    }
  }

  /** A new HTTP server on the same port over the same objects. */
  synchronized void start() throws Exception {
    if (!running) {
      server = newServer();
      server.init(InetAddress.getByName("127.0.0.1"), port);
      running = true;
    }
  }

  /**
   * Stops the server for good. The mock's own shutdown can time out: when a client closes a watch,
   * the mock waits on its event loop for the watch's sender thread, which may be waiting for that
   * same event loop (up to a minute), and the server cannot close meanwhile. Its port and threads
   * then go with the test JVM; the tests are over by then, so that is not their failure.
   */
  @Override
  public synchronized void close() {
    try {
      stop();
    } catch (IllegalStateException e) {
      System.err.println("mock API server did not close in time: " + e.getMessage());
      running = false;
    }
  }
}
