package dev.ballast.testkit;

import static dev.ballast.testkit.HttpInstanceFarmTest.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance with a bounded number of workers queues the requests beyond it, FIFO across
 * connections, so a request's answer carries its queueing delay. Order and depth are asserted
 * through the instance's counters and through limits changed at run time, never through upper
 * bounds on elapsed time; {@code WorkersTest} proves the FIFO order itself.
 */
class ConcurrencyLimitTest {

  private static final Duration FOREVER = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static HttpInstanceFarm farm;
  private static ExecutorService readers;

  private HttpInstance limited;
  private final List<RawHttpConnection> connections = new ArrayList<>();

  @BeforeAll
  static void startFarm() {
    // Workers in service outlive their connections (as a real server's threads do), so each test
    // that occupies workers has an instance of its own.
    farm =
        HttpInstanceFarm.builder()
            .instances(4)
            .concurrencyLimit(2)
            .ioThreads(1)
            .name("limit-test")
            .build();
    readers = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void closeFarm() {
    readers.shutdownNow();
    farm.close();
  }

  @BeforeEach
  void cleanSlate() {
    farm.resetCounters();
  }

  @AfterEach
  void closeConnections() throws IOException {
    for (RawHttpConnection c : connections) {
      c.close();
    }
  }

  @Test
  void farmBuilderSetsTheLimitOfEveryInstance() {
    // i1 is the one instance no test changes the limit of.
    assertThat(farm.instance("i1").concurrencyLimit()).isEqualTo(2);
    assertThat(farm.instance("i1").requestsInService()).isZero();
  }

  @Test
  void requestsBeyondTheLimitWaitForAWorkerSoTheLastAnswerAfterThreeServiceTimes()
      throws Exception {
    limited = farm.instance("i1");
    limited.latency(Duration.ofMillis(100));
    List<CompletableFuture<Long>> answeredAt = new ArrayList<>();
    long sentAt = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      RawHttpConnection c = open(limited);
      c.send("GET", "/work");
      answeredAt.add(readAsync(c));
    }
    List<Long> millis = new ArrayList<>();
    for (CompletableFuture<Long> f : answeredAt) {
      millis.add(TimeUnit.NANOSECONDS.toMillis(f.get(WAIT.toSeconds(), TimeUnit.SECONDS) - sentAt));
    }
    millis.sort(Comparator.naturalOrder());

    // Two workers of 100 ms each: the third and fourth answers need a second round, the fifth
    // and sixth a third, whatever the machine's load (these are lower bounds only).
    assertThat(millis.get(1)).isGreaterThanOrEqualTo(100);
    assertThat(millis.get(3)).isGreaterThanOrEqualTo(200);
    assertThat(millis.get(5)).isGreaterThanOrEqualTo(300);
    assertThat(limited.requestCount()).isEqualTo(6);
    assertThat(limited.queuedRequestCount()).isBetween(1L, 4L);
    assertThat(limited.maxQueueDepth()).isBetween(1, 4);
    assertThat(limited.queueDepth()).isZero();
    awaitUntil(() -> limited.requestsInService() == 0, WAIT);
  }

  @Test
  void requestsOverTheLimitQueueUntilAWorkerIsAdded() throws Exception {
    limited = farm.instance("i2");
    limited.latency(FOREVER);
    List<CompletableFuture<Long>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RawHttpConnection c = open(limited);
      c.send("GET", "/work/" + i);
      answers.add(readAsync(c));
      // One at a time, so the arrival order is the send order.
      int arrived = i + 1;
      awaitUntil(() -> limited.requestCount() == arrived, WAIT);
    }
    assertThat(limited.requestsInService()).isEqualTo(2);
    assertThat(limited.queueDepth()).isEqualTo(4);
    assertThat(limited.queuedRequestCount()).isEqualTo(4);
    assertThat(limited.maxQueueDepth()).isEqualTo(4);
    assertThat(answers).noneMatch(CompletableFuture::isDone);

    // Queued work has not begun, so it takes the latency in effect when it gets a worker: one
    // more worker serves the four queued requests one after another.
    limited.latency(Duration.ZERO);
    limited.concurrencyLimit(3);
    for (int queued = 2; queued < 6; queued++) {
      assertThat(answers.get(queued).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isPositive();
    }
    assertThat(limited.queueDepth()).isZero();
    // The first two still hold their workers for the latency they started with.
    assertThat(answers.get(0)).isNotDone();
    assertThat(answers.get(1)).isNotDone();
    assertThat(limited.requestsInService()).isEqualTo(2);
  }

  @Test
  void aQueuedRequestWhoseClientLeftIsDroppedAndAFewerLimitHoldsBackTheQueue() throws Exception {
    limited = farm.instance("i3");
    limited.latency(FOREVER);
    for (int i = 0; i < 3; i++) {
      open(limited).send("GET", "/work/" + i);
      int arrived = i + 1;
      awaitUntil(() -> limited.requestCount() == arrived, WAIT);
    }
    // A request is counted when it arrives, a moment before the worker queue takes it.
    awaitUntil(() -> limited.queueDepth() == 1, WAIT);
    assertThat(limited.requestsInService()).isEqualTo(2);

    connections.remove(2).close();
    awaitUntil(() -> limited.activeConnections() == 2, WAIT);
    limited.concurrencyLimit(3);
    assertThat(limited.requestsInService()).as("the abandoned request got no worker").isEqualTo(2);
    assertThat(limited.queueDepth()).isZero();

    // Below the number in service: nothing new starts until enough finish.
    limited.concurrencyLimit(1);
    RawHttpConnection waiting = open(limited);
    waiting.send("GET", "/late");
    awaitUntil(() -> limited.requestCount() == 4, WAIT);
    awaitUntil(() -> limited.queueDepth() == 1, WAIT);
    assertThat(limited.requestsInService()).isEqualTo(2);
  }

  @Test
  void healthChecksBypassTheWorkers() throws Exception {
    limited = farm.instance("i4");
    limited.latency(FOREVER).concurrencyLimit(1);
    open(limited).send("GET", "/work");
    awaitUntil(() -> limited.requestsInService() == 1, WAIT);
    RawHttpConnection health = open(limited);
    assertThat(health.exchange("GET", farm.healthPath()).status()).isEqualTo(200);
    assertThat(limited.queueDepth()).isZero();
  }

  @Test
  void rejectsANegativeLimitNamingIt() {
    assertThatThrownBy(() -> farm.instance("i1").concurrencyLimit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrencyLimit: -1 (expected: >= 1, or 0 for unlimited)");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().concurrencyLimit(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrencyLimit: -2 (expected: >= 1, or 0 for unlimited)");
    assertThat(farm.instance("i1").concurrencyLimit()).isEqualTo(2);
  }

  private RawHttpConnection open(HttpInstance instance) throws IOException {
    RawHttpConnection c = new RawHttpConnection(instance);
    c.readTimeout(Duration.ofSeconds(90));
    connections.add(c);
    return c;
  }

  // Completes with System.nanoTime() when the response has been read.
  private static CompletableFuture<Long> readAsync(RawHttpConnection c) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            int status = c.read(false).status();
            if (status != 200) {
              throw new IllegalStateException("status " + status);
            }
            return System.nanoTime();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        },
        readers);
  }
}
