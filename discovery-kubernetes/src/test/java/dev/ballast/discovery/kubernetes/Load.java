package dev.ballast.discovery.kubernetes;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls running through a client while a test changes the world: a few threads, each sending GET
 * and POST in turn, bounded in count and time. Counts calls started and completed, so that a test
 * can wait until every call picked before some moment has ended.
 */
final class Load implements AutoCloseable {
  private static final long MAX_CALLS_PER_THREAD = 50_000;
  private static final Duration MAX_TIME = Duration.ofMinutes(2);

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong posts = new AtomicLong();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  Load(BallastHttpClient client, String service, int threadCount) {
    long deadline = System.nanoTime() + MAX_TIME.toNanos();
    for (int t = 0; t < threadCount; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (long i = 0;
                    i < MAX_CALLS_PER_THREAD && !stop.get() && System.nanoTime() < deadline;
                    i++) {
                  boolean post = i % 2 == 1;
                  ServiceRequest r =
                      post
                          ? ServiceRequest.post(service, "/orders")
                              .body("{\"n\":" + i + "}")
                              .build()
                          : ServiceRequest.get(service, "/orders/" + i).build();
                  started.incrementAndGet();
                  try {
                    int status = client.send(r).statusCode();
                    if (status != 200) {
                      failures.add(r.method() + " " + r.path() + ": HTTP " + status);
                    }
                    if (post) {
                      posts.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    failures.add(r.method() + " " + r.path() + ": " + e.getMessage());
                  } finally {
                    completed.incrementAndGet();
                  }
                }
              },
              "load-" + service + "-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  long started() {
    return started.get();
  }

  long completed() {
    return completed.get();
  }

  long posts() {
    return posts.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
  }
}
