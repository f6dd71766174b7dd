package dev.ballast.eureka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * GETs and POSTs to {@code http://inventory} through a Ballast-backed {@code RestClient} from two
 * threads until stopped (at most 60 s and 20 000 calls), recording every failed call.
 */
final class RestLoad implements AutoCloseable {
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  RestLoad(RestClient rest) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int t = 0; t < 2; t++) {
      int worker = t;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000 && !stop.get() && System.nanoTime() < deadline; i++) {
                  String uri = "http://inventory/w" + worker;
                  boolean post = i % 5 == 4;
                  try {
                    ResponseEntity<String> r =
                        post
                            ? rest.post().uri(uri).body("x").retrieve().toEntity(String.class)
                            : rest.get().uri(uri).retrieve().toEntity(String.class);
                    if (r.getStatusCode().value() != 200) {
                      failures.add(uri + ": " + r.getStatusCode());
                    }
                  } catch (RestClientException e) {
                    failures.add((post ? "POST " : "GET ") + uri + ": " + e);
                  }
                  calls.incrementAndGet();
                }
              },
              "eureka-load-" + t);
      thread.start();
      threads.add(thread);
    }
  }

  int calls() {
    return calls.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  void awaitCalls(int n) {
    await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() >= n);
  }

  void stop() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join(10_000);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
