package dev.ballast.testkit;

import static dev.ballast.testkit.HttpInstanceFarmTest.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping, restarting and closing instances and farms: ports, connections and threads. */
class HttpInstanceFarmLifecycleTest {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @Test
  void stopRefusesConnectionsAndStartServesAgainOnTheSamePort() throws Exception {
    try (HttpInstanceFarm farm = HttpInstanceFarm.builder().instances(2).build()) {
      HttpInstance i1 = farm.instance("i1");
      int port = i1.port();
      RawHttpConnection open = new RawHttpConnection(i1);
      open.exchange("GET", "/");

      i1.stop();

      assertThat(i1.isRunning()).isFalse();
      assertThat(i1.activeConnections()).isZero();
      assertThat(open.readByte()).as("kept-alive connection closed by stop").isEqualTo(-1);
      open.close();
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> client.send(get(i1, 2_000), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(ConnectException.class);
      assertThat(get(farm.instance("i2"))).isEqualTo(200);

      i1.start();

      assertThat(i1.isRunning()).isTrue();
      assertThat(i1.port()).isEqualTo(port);
      HttpResponse<String> again =
          client.send(get(i1, 5_000), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).isEqualTo("i1");
    }
  }

  @Test
  void everyStopRefusesTheVeryNextConnect() throws Exception {
    try (HttpInstanceFarm farm = HttpInstanceFarm.builder().instances(1).build()) {
      HttpInstance i1 = farm.instance("i1");
      for (int round = 0; round < 30; round++) {
        RawHttpConnection connection = new RawHttpConnection(i1);
        assertThat(connection.exchange("GET", "/").status()).isEqualTo(200);
        i1.stop();
        connection.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", i1.port()).close())
            .as("round %d", round)
            .isInstanceOf(ConnectException.class);
        i1.start();
      }
    }
  }

  @Test
  void stopKillsRequestsInFlight() throws Exception {
    try (HttpInstanceFarm farm = HttpInstanceFarm.builder().instances(1).build()) {
      HttpInstance i1 = farm.instance("i1").latency(Duration.ofSeconds(20));
      CompletableFuture<HttpResponse<String>> inFlight =
          client.sendAsync(get(i1, 30_000), HttpResponse.BodyHandlers.ofString());
      awaitUntil(() -> i1.requestCount() == 1, Duration.ofSeconds(5));

      i1.stop();

      assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void closeFreesEveryPortAndEndsEveryFarmThread() throws Exception {
    HttpInstanceFarm farm =
        HttpInstanceFarm.builder()
            .instance("x1", "a")
            .instance("x2", "b")
            .name("close-test")
            .build();
    List<Integer> ports = farm.instances().stream().map(HttpInstance::port).toList();
    RawHttpConnection open = new RawHttpConnection(farm.instance("x1"));
    open.exchange("GET", "/");
    assertThat(farmThreads("close-test")).isNotEmpty();

    farm.close();
    farm.close();

    assertThat(farmThreads("close-test")).isEmpty();
    assertThat(open.readByte()).isEqualTo(-1);
    open.close();
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
    assertThatThrownBy(() -> farm.instance("x1").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("instance x1 belongs to a closed farm");
  }

  @Test
  void instancesWithoutZonesAreNumberedAndHaveNoZoneInTheirSpec() {
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().instances(3).healthPath("/ready").build()) {
      assertThat(farm.instances()).extracting(HttpInstance::id).containsExactly("i1", "i2", "i3");
      HttpInstance i2 = farm.instance("i2");
      assertThat(i2.zone()).isEmpty();
      assertThat(i2.endpointSpec()).isEqualTo("http://127.0.0.1:" + i2.port());
      assertThat(farm.healthPath()).isEqualTo("/ready");
    }
  }

  @Test
  void customHealthPathIsCountedAsHealthCheck() throws Exception {
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().instances(1).healthPath("/ready").build()) {
      HttpInstance i1 = farm.instance("i1").healthStatus(503);
      try (RawHttpConnection connection = new RawHttpConnection(i1)) {
        assertThat(connection.exchange("GET", "/ready").status()).isEqualTo(503);
        assertThat(connection.exchange("GET", "/health").status()).isEqualTo(200);
      }
      assertThat(i1.healthCheckCount()).isEqualTo(1);
      assertThat(i1.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void requestLogKeepsOnlyTheLatestEntries() throws Exception {
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().instances(1).requestLogCapacity(5).build()) {
      HttpInstance i1 = farm.instance("i1");
      try (RawHttpConnection connection = new RawHttpConnection(i1)) {
        for (int i = 0; i < 8; i++) {
          connection.exchange("GET", "/" + i);
        }
      }
      assertThat(i1.requestLog())
          .extracting(HttpInstanceRequest::path)
          .containsExactly("/3", "/4", "/5", "/6", "/7");
      assertThat(i1.requestCount()).isEqualTo(8);
    }
  }

  private int get(HttpInstance instance) throws IOException, InterruptedException {
    return client.send(get(instance, 5_000), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static HttpRequest get(HttpInstance instance, long timeoutMillis) {
    return HttpRequest.newBuilder(instance.uri().resolve("/"))
        .timeout(Duration.ofMillis(timeoutMillis))
        .build();
  }

  private static List<String> farmThreads(String farmName) {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("ballast-" + farmName + "-"))
        .toList();
  }
}
