package dev.ballast.benchmarks.scenario;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Issue 12 §5's isolation figures against real instances: a service whose instances hang, behind
 * {@code bulkhead.max-concurrent-calls=8} with no wait, is called by 200 threads released at once;
 * another service of the same client is called all the while. Measured: how long each refused
 * caller waited for its refusal, how many calls reached the hung instances, and the healthy
 * service's latency before and during the pile-up.
 *
 * @param rejectedMicros the refused callers' waits (µs)
 * @param reachedNetwork requests the hung instances received
 * @param otherFailures calls to the hung service that ended otherwise than refused or timed out
 * @param healthyBefore the healthy service's latency before the pile-up (µs)
 * @param healthyDuring its latency while the 200 callers pile up (µs)
 * @param healthyFailures failed calls to the healthy service
 */
record BulkheadRun(
    Histogram rejectedMicros,
    long reachedNetwork,
    long otherFailures,
    Histogram healthyBefore,
    Histogram healthyDuring,
    long healthyFailures) {

  static final int CALLERS = 200;
  static final int LIMIT = 8;

  /** Runs the scenario once; every wait is bounded. */
  static BulkheadRun run() {
    try (HttpInstanceFarm hung =
            HttpInstanceFarm.builder().name("bulkhead-hung").instances(2).build();
        HttpInstanceFarm ok = HttpInstanceFarm.builder().name("bulkhead-ok").instances(2).build()) {
      Properties p = new Properties();
      p.setProperty("ballast.http.services.hung.endpoints", hung.endpointSpecs());
      p.setProperty("ballast.http.services.ok.endpoints", ok.endpointSpecs());
      // The admitted calls end by their timeout, so the run ends without the instances answering.
      p.setProperty("ballast.http.services.hung.request-timeout", "2s");
      p.setProperty("ballast.http.services.hung.retry.max-attempts", "1");
      p.setProperty(
          "ballast.http.services.hung.bulkhead.max-concurrent-calls", String.valueOf(LIMIT));
      hung.instances().forEach(i -> i.hang(true));
      try (BallastHttpClient client = BallastHttpClient.fromProperties(p)) {
        // Warmed first (connections opened, code compiled), so "before" is the normal latency.
        long healthyFailures =
            callHealthy(client, 500, new ConcurrentHistogram(3), new AtomicBoolean());
        Histogram before = new ConcurrentHistogram(3);
        healthyFailures += callHealthy(client, 1_000, before, new AtomicBoolean());
        Histogram rejected = new ConcurrentHistogram(3);
        AtomicLong otherFailures = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          Thread t = new Thread(() -> callHung(client, go, rejected, otherFailures), "hung-" + i);
          t.setDaemon(true);
          t.start();
          callers.add(t);
        }
        Histogram during = new ConcurrentHistogram(3);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong duringFailures = new AtomicLong();
        Thread healthy =
            new Thread(
                () -> duringFailures.addAndGet(callHealthy(client, 5_000, during, stop)),
                "healthy-caller");
        healthy.start();
        go.countDown();
        for (Thread t : callers) {
          t.join(TimeUnit.SECONDS.toMillis(10));
        }
        stop.set(true);
        healthy.join(TimeUnit.SECONDS.toMillis(10));
        long reached = hung.instances().stream().mapToLong(HttpInstance::requestCount).sum();
        hung.instances().forEach(i -> i.hang(false));
        return new BulkheadRun(
            rejected,
            reached,
            otherFailures.get(),
            before,
            during,
            healthyFailures + duringFailures.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bulkhead scenario interrupted", e);
    }
  }

  private static void callHung(
      BallastHttpClient client, CountDownLatch go, Histogram rejected, AtomicLong otherFailures) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long start = System.nanoTime();
    try {
      client.send(ServiceRequest.get("hung", "/slow").build());
      otherFailures.incrementAndGet(); // a hung instance answered: not the scenario
    } catch (BallastHttpException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("rejected: bulkhead full")) {
        rejected.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
      } else if (!message.contains("timed out")) {
        otherFailures.incrementAndGet();
      }
    }
  }

  /** Up to {@code calls} sequential GETs until {@code stop}; returns how many failed. */
  private static long callHealthy(
      BallastHttpClient client, int calls, Histogram micros, AtomicBoolean stop) {
    long failed = 0;
    for (int i = 0; i < calls && !stop.get(); i++) {
      long start = System.nanoTime();
      try {
        if (client.send(ServiceRequest.get("ok", "/fine").build()).statusCode() == 200) {
          micros.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        } else {
          failed++;
        }
      } catch (RuntimeException e) {
        failed++;
      }
    }
    return failed;
  }
}
