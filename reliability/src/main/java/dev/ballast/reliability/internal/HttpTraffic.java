package dev.ballast.reliability.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;

/**
 * HTTP load through a {@link BallastHttpClient} and its bookkeeping: every {@code postEvery}-th
 * operation of a worker is a {@code POST}, the others {@code GET}s. A call fails when {@code send}
 * throws or the final status is 5xx; failures of idempotent and non-idempotent calls are counted
 * apart, because only the first must never happen while an instance is healthy. Answers are counted
 * per endpoint id (client side), latency goes to a {@link PhasedLatency} and, when given, a {@link
 * Timeline}.
 *
 * <p>Thread-safe; use {@link #operation()} as a {@link LoadLoop.Operation}.
 */
public final class HttpTraffic {
  private static final int KEPT_FAILURES = 20;

  private final BallastHttpClient client;
  private final String service;
  private final int postEvery;
  private final PhasedLatency latency;
  private final @Nullable Timeline timeline;
  private final LongAdder calls = new LongAdder();
  private final LongAdder idempotentFailures = new LongAdder();
  private final LongAdder otherFailures = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final AtomicLong excusedIdempotentFailures = new AtomicLong();
  private final ConcurrentHashMap<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
  private volatile LongPredicate excused = t -> false;

  /**
   * Traffic to {@code service}.
   *
   * @param postEvery every n-th operation is a POST; 0 for GETs only
   * @param timeline per-second series, or null
   */
  public HttpTraffic(
      BallastHttpClient client,
      String service,
      int postEvery,
      PhasedLatency latency,
      @Nullable Timeline timeline) {
    this.client = requireNonNull(client, "client");
    this.service = requireNonNull(service, "service");
    this.postEvery = postEvery;
    this.latency = requireNonNull(latency, "latency");
    this.timeline = timeline;
  }

  /**
   * Sets which idempotent failures are excused: those whose call started at a {@link
   * System#nanoTime()} for which {@code excusedAt} holds (e.g. while no instance was healthy). They
   * are counted apart and not as failures.
   */
  public void excuseWhen(LongPredicate excusedAt) {
    this.excused = requireNonNull(excusedAt, "excusedAt");
  }

  /** The load operation. */
  public LoadLoop.Operation operation() {
    return (worker, seq) -> call(postEvery > 0 && seq % postEvery == postEvery - 1, worker, seq);
  }

  private void call(boolean post, int worker, long seq) {
    String path = "/w" + worker + "/" + seq;
    ServiceRequest request =
        post
            ? ServiceRequest.post(service, path).body("w" + worker + "-" + seq).build()
            : ServiceRequest.get(service, path).build();
    long start = System.nanoTime();
    String failure = null;
    ServiceResponse response = null;
    try {
      response = client.send(request);
      if (response.statusCode() >= 500) {
        failure = "HTTP " + response.statusCode() + " from " + response.endpoint().id();
      }
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName() + ": " + firstLines(e.getMessage());
    }
    long nanos = System.nanoTime() - start;
    calls.increment();
    latency.record(nanos);
    Timeline t = timeline;
    if (t != null) {
      t.latency(Series.HTTP_LATENCY, nanos);
    }
    if (response != null) {
      byEndpoint.computeIfAbsent(response.endpoint().id(), k -> new LongAdder()).increment();
      if (t != null) {
        t.count(Series.HTTP_SHARE_PREFIX + response.endpoint().id());
      }
      if (response.attempts() > 1) {
        retried.increment();
      }
    }
    if (failure == null) {
      if (t != null) {
        t.count(Series.HTTP_OK);
      }
      return;
    }
    if (post) {
      otherFailures.increment();
      if (t != null) {
        t.count(Series.HTTP_POST_FAILED);
      }
    } else if (excused.test(start)) {
      excusedIdempotentFailures.incrementAndGet();
    } else {
      idempotentFailures.increment();
      if (t != null) {
        t.count(Series.HTTP_IDEMPOTENT_FAILED);
      }
    }
    if (failureSamples.size() < KEPT_FAILURES) {
      failureSamples.add((post ? "POST " : "GET ") + path + ": " + failure);
    }
  }

  private static String firstLines(@Nullable String message) {
    if (message == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int lines = 0;
    for (String line : message.lines().limit(6).toList()) {
      sb.append(lines++ == 0 ? "" : " | ").append(line.trim());
    }
    return sb.toString();
  }

  /** Calls made (completed) so far. */
  public long calls() {
    return calls.sum();
  }

  /** GETs that failed (exception or 5xx) and were not excused. */
  public long idempotentFailures() {
    return idempotentFailures.sum();
  }

  /** GETs that failed while excused (see {@link #excuseWhen}). */
  public long excusedIdempotentFailures() {
    return excusedIdempotentFailures.get();
  }

  /** POSTs that failed. */
  public long nonIdempotentFailures() {
    return otherFailures.sum();
  }

  /** Calls answered after more than one attempt. */
  public long retriedCalls() {
    return retried.sum();
  }

  /** Answers per endpoint id so far, sorted by id. */
  public Map<String, Long> answersByEndpoint() {
    Map<String, Long> m = new TreeMap<>();
    byEndpoint.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** The first few failures, one line each. */
  public List<String> failureSamples() {
    return List.copyOf(failureSamples);
  }
}
