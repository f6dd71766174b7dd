package dev.ballast.testkit;

import static dev.ballast.testkit.HttpInstanceFarmTest.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile replies and the idle-connection close, as raw sockets (which see every byte and every
 * close) and the JDK's client see them.
 */
class HostileResponseTest {

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().name("hostile").instances(1));

  private static HttpClient jdk;

  @BeforeAll
  static void client() {
    jdk =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void closeClient() {
    jdk = null;
  }

  private static HttpInstance i1() {
    return farm.instance("i1");
  }

  @Test
  void malformedStatusLineIsSentAndTheConnectionStaysOpen() throws Exception {
    i1().respondHostile(HostileResponse.MALFORMED_STATUS_LINE);
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      connection.send("GET", "/x");
      String head = connection.readHead();
      assertThat(head).startsWith("HTP/1.1 2OO Fine\r\n").contains("X-Instance: i1\r\n");
      assertThat(new String(connection.readUpTo(2), StandardCharsets.US_ASCII)).isEqualTo("ok");
      connection.readTimeout(Duration.ofMillis(300));
      assertThatThrownBy(connection::readByte).isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(i1().requestCount("GET")).isEqualTo(1);
    assertThatThrownBy(() -> get("/x")).isInstanceOf(IOException.class);
  }

  @Test
  void truncatedBodyAnnouncesMoreThanItSendsAndThenCloses() throws Exception {
    i1().respondHostile(HostileResponse.TRUNCATED_BODY);
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      connection.send("POST", "/x");
      String head = connection.readHead();
      assertThat(head)
          .startsWith("HTTP/1.1 200 OK\r\n")
          .contains("Content-Length: " + HostileResponse.TRUNCATED_BODY_ANNOUNCED + "\r\n");
      // readUpTo returns early only at end of stream: the server closed after two bytes.
      byte[] body = connection.readUpTo(HostileResponse.TRUNCATED_BODY_ANNOUNCED);
      assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("i1");
    }
    assertThat(i1().requestCount("POST")).isEqualTo(1);
    assertThatThrownBy(() -> get("/x")).isInstanceOf(IOException.class);
  }

  @Test
  void endlessChunkedBodyNeverEndsAndStopsWhenTheClientCloses() throws Exception {
    i1().respondHostile(HostileResponse.ENDLESS_CHUNKED_BODY);
    int fourMegabytes = 4 << 20;
    // Connections other tests' JDK client keeps alive stay open; only this one must go.
    int before = i1().activeConnections();
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      connection.send("GET", "/big");
      assertThat(connection.readHead())
          .startsWith("HTTP/1.1 200 OK\r\n")
          .contains("Transfer-Encoding: chunked\r\n");
      byte[] body = connection.readUpTo(fourMegabytes);
      assertThat(body).hasSize(fourMegabytes);
      String firstChunk = new String(body, 0, 16, StandardCharsets.US_ASCII);
      assertThat(firstChunk).startsWith("2000\r\nxxxxxxxxxx");
    }
    // The writer notices the closed connection and stops instead of writing into the void. At
    // most `before`: a connection an earlier test closed may still have been counted then.
    awaitUntil(() -> i1().activeConnections() <= before, Duration.ofSeconds(15));
  }

  @Test
  void healthChecksAreAnsweredProperlyWhileTrafficGetsHostileReplies() throws Exception {
    i1().respondHostile(HostileResponse.MALFORMED_STATUS_LINE);
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      RawHttpConnection.Response health = connection.exchange("GET", farm.farm().healthPath());
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("i1");
      assertThat(i1().healthCheckCount()).isEqualTo(1);

      i1().clearFaults();
      assertThat(connection.exchange("GET", "/x").status()).isEqualTo(200);
    }
  }

  @Test
  void idleConnectionIsClosedOnlyAfterTheIdleTime() throws Exception {
    Duration idle = Duration.ofMillis(300);
    i1().closeIdleConnectionsAfter(idle);
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      // Taken before the request is sent, so before the server's idle timer starts.
      long sentAt = System.nanoTime();
      assertThat(connection.exchange("GET", "/x").status()).isEqualTo(200);
      assertThat(connection.readByte()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(idle);
    }
  }

  @Test
  void connectionInUseStaysOpenAndIsClosedOnceIdle() throws Exception {
    i1().closeIdleConnectionsAfter(Duration.ofSeconds(2));
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      // Gaps far below the idle time: every request rearms the timer on the same connection.
      for (int i = 0; i < 5; i++) {
        assertThat(connection.exchange("GET", "/x" + i).status()).isEqualTo(200);
        Thread.sleep(100);
      }
      assertThat(i1().requestLog())
          .extracting(HttpInstanceRequest::connectionId)
          .containsOnly(i1().requestLog().get(0).connectionId());
      assertThat(connection.readByte()).isEqualTo(-1);
    }
  }

  @Test
  void idleConnectionsStayOpenWithoutTheFault() throws Exception {
    i1().closeIdleConnectionsAfter(Duration.ofMillis(100)).clearFaults();
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      assertThat(connection.exchange("GET", "/x").status()).isEqualTo(200);
      connection.readTimeout(Duration.ofMillis(500));
      assertThatThrownBy(connection::readByte).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void aRequestOnAConnectionIdleForTheRaceTimeIsDroppedUnreadAndTheConnectionClosed()
      throws Exception {
    i1().loseRequestsOnConnectionsIdleFor(Duration.ofSeconds(1), true);
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      RawHttpConnection.Response first = connection.exchange("GET", "/a");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.header("Keep-Alive")).isEqualTo("timeout=1");
      // Well within the idle time: served on the same connection.
      assertThat(connection.exchange("GET", "/b").status()).isEqualTo(200);
      Thread.sleep(1100);
      connection.send("POST", "/c");
      assertThat(connection.readByte()).isEqualTo(-1);
    }
    assertThat(i1().requestLog()).extracting(HttpInstanceRequest::path).containsExactly("/a", "/b");
  }

  @Test
  void theIdleRaceIsOffByDefaultAndAfterClearFaults() throws Exception {
    i1().loseRequestsOnConnectionsIdleFor(Duration.ofMillis(100), false).clearFaults();
    try (RawHttpConnection connection = new RawHttpConnection(i1())) {
      RawHttpConnection.Response first = connection.exchange("GET", "/a");
      assertThat(first.header("Keep-Alive")).isEmpty();
      Thread.sleep(200);
      assertThat(connection.exchange("GET", "/b").status()).isEqualTo(200);
    }
  }

  @Test
  void rejectsANegativeIdleTime() {
    assertThatThrownBy(() -> i1().closeIdleConnectionsAfter(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idle: PT-0.001S (expected: >= 0)");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(i1().uri().resolve(path)).timeout(Duration.ofSeconds(30)).build();
    return jdk.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
