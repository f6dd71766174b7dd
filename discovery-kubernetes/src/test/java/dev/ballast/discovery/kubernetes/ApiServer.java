package dev.ballast.discovery.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's Kubernetes mock server in CRUD mode on 127.0.0.1, which can be stopped and started
 * again on the same port with its objects kept, as an API server restarts over the same etcd: the
 * objects live in the dispatcher, which outlives each HTTP server. Expectations set with {@link
 * #expect()} answer before the CRUD store (fabric8's "mixed" mode), once each.
 */
final class ApiServer implements AutoCloseable {
  private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
  private final KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(expectations);
  private final List<RecordedRequest> requests = new ArrayList<>();
  private KubernetesMockServer server;
  private final int port;
  private boolean running;

  ApiServer() throws Exception {
    server = newServer();
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    port = server.getPort();
    running = true;
  }

  private KubernetesMockServer newServer() {
    return new KubernetesMockServer(
        new Context(), new MockWebServer(), expectations, dispatcher, false);
  }

  /** {@code http://127.0.0.1:<port>}, the same across restarts. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** A client for the test to write objects, as the EndpointSlice controller would. */
  KubernetesClient admin() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withNamespace("test")
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  MockServerExpectation expect() {
    return server.expect();
  }

  /** Stops the HTTP server; its connections (watches included) close, the objects stay. */
  synchronized void stop() {
    if (running) {
      drainRequests();
      server.destroy();
      running = false;
    }
  }

  /** Starts a new HTTP server on the same port over the same objects. */
  synchronized void start() throws Exception {
    if (!running) {
      server = newServer();
      server.init(InetAddress.getByName("127.0.0.1"), port);
      running = true;
    }
  }

  /** Every request received so far, oldest first (paths with their query strings). */
  synchronized List<String> requestPaths() {
    drainRequests();
    return requests.stream().map(RecordedRequest::getPath).toList();
  }

  private void drainRequests() {
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        requests.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
