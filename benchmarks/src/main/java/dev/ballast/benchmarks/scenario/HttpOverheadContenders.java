package dev.ballast.benchmarks.scenario;

import static dev.ballast.benchmarks.scenario.ProcessServerOverheadSuite.ASYNC;
import static dev.ballast.benchmarks.scenario.ProcessServerOverheadSuite.ASYNC_ONE_LOOP;
import static dev.ballast.benchmarks.scenario.ProcessServerOverheadSuite.BLOCKING_PEERS;
import static dev.ballast.benchmarks.scenario.ProcessServerOverheadSuite.RAW;
import static dev.ballast.benchmarks.scenario.ProcessServerOverheadSuite.SEND;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The contenders of {@link ProcessServerOverheadSuite}, each set up for one depth: raw Netty and
 * Ballast {@code sendAsync} (lanes without caller threads), Ballast {@code send} and the blocking
 * peers (one caller thread per request in flight).
 */
final class HttpOverheadContenders {
  private HttpOverheadContenders() {}

  /** One contender, set up for one depth. */
  interface Contender extends AutoCloseable {
    /** Runs one closed-loop segment of {@code length}, adding to {@code into} unless null. */
    void segment(Duration length, ClosedLoop.@Nullable Totals into);

    @Override
    void close();
  }

  /** Every contender, in table order, connected to {@code host:port} at {@code depth}. */
  static Map<String, Contender> all(String host, int port, int depth) {
    Map<String, Contender> m = new LinkedHashMap<>();
    m.put(RAW, rawNetty(host, port, depth));
    m.put(ASYNC, ballastAsync(host, port, depth, 2));
    // Like for like with the raw client's single event loop: on a contended machine two loops
    // also mean a larger share of the cores.
    m.put(ASYNC_ONE_LOOP, ballastAsync(host, port, depth, 1));
    m.put(SEND, blocking(HttpClients.create("Ballast", host, port, depth), depth));
    for (String peer : BLOCKING_PEERS) {
      m.put(peer, blocking(HttpClients.create(peer, host, port, depth), depth));
    }
    return m;
  }

  private static Contender rawNetty(String host, int port, int depth) {
    RawNettyClient client = new RawNettyClient(1);
    List<RawNettyClient.Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < depth; i++) {
        connections.add(client.connect(host, port));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new IllegalStateException("interrupted while connecting", e);
    }
    List<AsyncClosedLoop.Lane> lanes = new ArrayList<>();
    for (RawNettyClient.Connection c : connections) {
      lanes.add(() -> c.send("/work"));
    }
    return async(
        lanes,
        () -> {
          connections.forEach(RawNettyClient.Connection::close);
          client.close();
        });
  }

  private static Contender ballastAsync(String host, int port, int depth, int eventLoops) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BallastHttpClient client = HttpClients.newBallast(host, port, depth, eventLoops, registry);
    ServiceRequest request = ServiceRequest.get("svc", "/work").build();
    List<AsyncClosedLoop.Lane> lanes = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      lanes.add(() -> client.sendAsync(request));
    }
    return async(
        lanes,
        () -> {
          client.close();
          registry.close();
        });
  }

  /** A contender that keeps {@code lanes} busy without caller threads; {@code close} frees it. */
  private static Contender async(List<AsyncClosedLoop.Lane> lanes, Runnable close) {
    return new Contender() {
      @Override
      public void segment(Duration length, ClosedLoop.@Nullable Totals into) {
        AsyncClosedLoop.run(lanes, length, into);
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }

  private static Contender blocking(HttpClients.Client client, int depth) {
    List<HttpClients.Caller> callers = new ArrayList<>();
    List<ClosedLoop.Op> ops = new ArrayList<>();
    try {
      for (int i = 0; i < depth; i++) {
        HttpClients.Caller caller = client.caller();
        callers.add(caller);
        ops.add(
            () -> {
              int status = caller.get();
              if (status != 200) {
                throw new IllegalStateException("status: " + status + " (expected: 200)");
              }
            });
      }
    } catch (Exception e) {
      callers.forEach(HttpClients.Caller::close);
      client.close();
      throw new IllegalStateException("client failed to start", e);
    }
    return new Contender() {
      @Override
      public void segment(Duration length, ClosedLoop.@Nullable Totals into) {
        ClosedLoop.run(ops, length, into, true);
      }

      @Override
      public void close() {
        callers.forEach(HttpClients.Caller::close);
        client.close();
      }
    };
  }
}
