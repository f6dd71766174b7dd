package dev.ballast.examples.internal;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steady HTTP traffic: a few threads, each sending {@code GET /orders/<n>} through the client at a
 * fixed pace, so that the total rate stays at {@code rate} calls per second whatever the instances
 * do. Every loop is bounded: by {@link #close()}, by a maximum run time and by a maximum number of
 * calls. A thread that falls behind (a slow call) does not catch up with a burst.
 */
public final class HttpLoad implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpLoad.class);
  private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final BallastHttpClient client;
  private final Stage stage;
  private final HttpStats stats;
  private final int threadCount;
  private final int rate;
  private final Duration maxRun;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean running;

  /**
   * Traffic that {@link #start()} starts.
   *
   * @param threadCount the number of sending threads
   * @param rate calls per second, all threads together
   * @param maxRun the longest the threads may run, a safety net behind {@link #close()}
   */
  public HttpLoad(
      BallastHttpClient client,
      Stage stage,
      HttpStats stats,
      int threadCount,
      int rate,
      Duration maxRun) {
    this.client = client;
    this.stage = stage;
    this.stats = stats;
    this.threadCount = threadCount;
    this.rate = rate;
    this.maxRun = maxRun;
  }

  /** Starts the sending threads. */
  public void start() {
    running = true;
    long start = System.nanoTime();
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) * threadCount / rate;
    long maxCalls = (long) (maxRun.toSeconds() + 1) * rate / threadCount + 1;
    for (int t = 0; t < threadCount; t++) {
      long first = start + intervalNanos * t / threadCount;
      Thread thread =
          new Thread(() -> send(first, intervalNanos, start + maxRun.toNanos(), maxCalls));
      thread.setName("ballast-demo-http-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void send(long first, long intervalNanos, long stopAt, long maxCalls) {
    long next = first;
    for (long n = 0; n < maxCalls && running; n++) {
      long now = System.nanoTime();
      if (now - stopAt >= 0) {
        return;
      }
      if (next - now > 0) {
        LockSupport.parkNanos(next - now);
        if (!running) {
          return;
        }
      }
      next += intervalNanos;
      long t0 = System.nanoTime();
      if (t0 - next > MAX_LAG_NANOS) {
        next = t0;
      }
      ServiceRequest request =
          ServiceRequest.get(Stage.SERVICE, "/orders/" + sequence.incrementAndGet()).build();
      try {
        ServiceResponse response = client.send(request);
        stats.recordResponse(
            stage.instanceIndex(response.endpoint().port()),
            System.nanoTime() - t0,
            response.statusCode(),
            response.attempts());
      } catch (BallastHttpException e) {
        if (!running) {
          return; // the client is closing under a call in flight: not the demo's failure
        }
        stats.recordNoResponse(System.nanoTime() - t0, 1);
        log.warn("call failed: {}", e.getMessage());
      } catch (IllegalStateException e) {
        return; // client closed
      }
    }
  }

  /** Stops the threads and waits for them (bounded by the client's request timeout). */
  @Override
  public void close() {
    running = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Thread thread : threads) {
      LockSupport.unpark(thread);
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
