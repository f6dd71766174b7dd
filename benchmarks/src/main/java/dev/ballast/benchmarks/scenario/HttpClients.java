package dev.ballast.benchmarks.scenario;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.http.ServiceRequest;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.Strategy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The HTTP clients of the overhead comparison, each behind one blocking call {@link Caller#get}: a
 * GET of one local instance that returns the status after reading the whole body. Each is set up as
 * its documentation recommends for a long-lived client (one shared instance, pooled keep-alive
 * connections, at least as many connections as callers).
 */
final class HttpClients {
  private HttpClients() {}

  /** One thread's way to call. */
  interface Caller extends AutoCloseable {
    /** GET {@code /work}; returns the status. */
    int get() throws Exception;

    @Override
    default void close() {}
  }

  /** A client shared by all callers. */
  interface Client extends AutoCloseable {
    /** A caller for one thread. */
    Caller caller() throws Exception;

    @Override
    void close();
  }

  static final List<String> NAMES =
      List.of("Ballast", "raw Netty", "JDK HttpClient", "Apache HttpClient 5", "OkHttp");

  /** The client named {@code name} (one of {@link #NAMES}) for {@code host:port}. */
  static Client create(String name, String host, int port, int callers) {
    switch (name) {
      case "Ballast":
        return ballast(host, port, callers);
      case "raw Netty":
        return rawNetty(host, port);
      case "JDK HttpClient":
        return jdk(host, port);
      case "Apache HttpClient 5":
        return apache(host, port, callers);
      case "OkHttp":
        return okHttp(host, port, callers);
      default:
        throw new IllegalArgumentException("client: " + name + " (expected: one of " + NAMES + ")");
    }
  }

  private static Client ballast(String host, int port, int callers) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BallastHttpClient client = newBallast(host, port, callers, 2, registry);
    ServiceRequest request = ServiceRequest.get("svc", "/work").build();
    return new Client() {
      @Override
      public Caller caller() {
        return () -> client.send(request).statusCode();
      }

      @Override
      public void close() {
        client.close();
        registry.close();
      }
    };
  }

  /**
   * Ballast as configured for production, calling service {@code svc} at {@code host:port}:
   * peak-EWMA, metrics into {@code registry}, default retries and outlier detection, {@code
   * eventLoops} event loops, at least {@code callers} connections.
   */
  static BallastHttpClient newBallast(
      String host, int port, int callers, int eventLoops, SimpleMeterRegistry registry) {
    return BallastHttpClient.builder()
        .eventLoopThreads(eventLoops)
        .meterRegistry(registry)
        .service(
            "svc",
            List.of(Endpoint.builder(host, port).id("s1").build()),
            HttpServiceConfig.builder()
                .lb(LbConfig.builder().strategy(Strategy.PEAK_EWMA).build())
                .maxConnectionsPerEndpoint(Math.max(callers, 8))
                .build())
        .build();
  }

  private static Client rawNetty(String host, int port) {
    RawNettyClient client = new RawNettyClient(2);
    return new Client() {
      @Override
      public Caller caller() throws Exception {
        RawNettyClient.Connection connection = client.connect(host, port);
        return new Caller() {
          @Override
          public int get() throws Exception {
            return connection.get("/work");
          }

          @Override
          public void close() {
            connection.close();
          }
        };
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  private static Client jdk(String host, int port) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/work"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return new Client() {
      @Override
      public Caller caller() {
        return () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
      }

      @Override
      public void close() {
        // java.net.http.HttpClient is AutoCloseable only from Java 21; its threads are daemons.
      }
    };
  }

  private static Client apache(String host, int port, int callers) {
    CloseableHttpClient client =
        org.apache.hc.client5.http.impl.classic.HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(Math.max(callers, 8))
                    .setMaxConnPerRoute(Math.max(callers, 8))
                    .build())
            .build();
    String uri = "http://" + host + ":" + port + "/work";
    return new Client() {
      @Override
      public Caller caller() {
        return () ->
            client.execute(
                new HttpGet(uri),
                response -> {
                  EntityUtils.consume(response.getEntity());
                  return response.getCode();
                });
      }

      @Override
      public void close() {
        try {
          client.close();
        } catch (java.io.IOException e) {
          // Closing a benchmark client: nothing to recover.
        }
      }
    };
  }

  private static Client okHttp(String host, int port, int callers) {
    OkHttpClient client =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(Math.max(callers, 8), 5, TimeUnit.MINUTES))
            .build();
    Request request = new Request.Builder().url("http://" + host + ":" + port + "/work").build();
    return new Client() {
      @Override
      public Caller caller() {
        return () -> {
          try (okhttp3.Response response = client.newCall(request).execute()) {
            response.body().bytes();
            return response.code();
          }
        };
      }

      @Override
      public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    };
  }
}
