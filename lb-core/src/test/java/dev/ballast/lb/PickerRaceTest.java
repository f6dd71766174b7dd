package dev.ballast.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hammers pick/complete from several threads while another swaps endpoint sets and drives
 * ejections; bounded by count and time.
 */
class PickerRaceTest {
  /** Endpoint-set changes the race must see at least. */
  private static final int MIN_ROUNDS = 200;

  @Test
  void picksNeverReturnEndpointsRemovedBeforeThePickAndCountersReturnToZero() throws Exception {
    DynamicEndpointSource source = EndpointSource.dynamic();
    List<Endpoint> all = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      all.add(Endpoint.builder("127.0.0.1", 9000 + i).id("e" + i).zone("z" + (i % 3)).build());
    }
    source.update(all);
    Map<String, EndpointState> seen = new ConcurrentHashMap<>();
    LbConfig config =
        LbConfig.builder()
            .strategy(Strategy.PEAK_EWMA)
            .localZone("z0")
            .outlierConsecutiveFailures(3)
            .outlierBaseEjectionTime(Duration.ofMillis(5))
            .build();
    try (LoadBalancer lb = LoadBalancer.builder("race").config(config).source(source).build()) {
      // Sets and the instant each was retired: an endpoint absent from the current set must not
      // be handed out by a pick that started after its removal was published.
      AtomicReference<Set<String>> current = new AtomicReference<>(ids(all));
      AtomicLong publishedAt = new AtomicLong(System.nanoTime());
      AtomicInteger violations = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      // Run for 1.5 s and at least MIN_ROUNDS set changes, whichever ends later (a starved
      // machine may publish only a few sets in 1.5 s), never past the hard cap.
      long minDeadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      long hardDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      AtomicBoolean enough = new AtomicBoolean();
      int threads = 3;
      CountDownLatch done = new CountDownLatch(threads);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        Thread w =
            new Thread(
                () -> {
                  try {
                    for (int i = 0;
                        i < 20_000_000 && !enough.get() && System.nanoTime() < hardDeadline;
                        i++) {
                      Set<String> before = current.get();
                      long started = System.nanoTime();
                      Pick p = lb.pick();
                      if (p.isPresent()) {
                        String id = p.endpoint().id();
                        if (!before.contains(id) && started > publishedAt.get()) {
                          // The set may have changed again between reading 'before' and the pick;
                          // only count when it did not.
                          if (current.get() == before) {
                            violations.incrementAndGet();
                          }
                        }
                        seen.putIfAbsent(id, new EndpointState(p));
                        p.complete(
                            (i + seed) % 17 == 0 ? Outcome.FAILURE : Outcome.SUCCESS,
                            1000 + i % 5000);
                      }
                    }
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                  } finally {
                    done.countDown();
                  }
                });
        w.start();
        workers.add(w);
      }
      int round = 0;
      while (done.getCount() > 0 && round < 100_000) {
        List<Endpoint> next = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          if ((i + round) % 4 != 0) {
            next.add(all.get(i));
          }
        }
        // Publish: first the expected set, then the source (so a pick that saw the new set
        // before the balancer did is not counted), then mark the time.
        Set<String> union = new java.util.HashSet<>(current.get());
        union.addAll(ids(next));
        current.set(union);
        source.update(next);
        // The update runs on the control plane, which a worker may be draining (an ejection
        // task): wait, bounded, until the balancer has applied this set before stamping the time.
        Set<String> expected = ids(next);
        long applyDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!appliedIds(lb).equals(expected) && System.nanoTime() < applyDeadline) {
          Thread.onSpinWait();
        }
        assertThat(appliedIds(lb)).isEqualTo(expected);
        current.set(expected);
        publishedAt.set(System.nanoTime());
        round++;
        if (round >= MIN_ROUNDS && System.nanoTime() >= minDeadline) {
          enough.set(true);
        }
        Thread.onSpinWait();
      }
      for (Thread w : workers) {
        w.join(10_000);
      }
      assertThat(errors.get()).isZero();
      assertThat(violations.get()).isZero();
      assertThat(round).isGreaterThanOrEqualTo(MIN_ROUNDS);
      for (EndpointState s : seen.values()) {
        assertThat(s.pick.endpoint()).isNotNull();
      }
      Map<String, Integer> inFlight = new HashMap<>();
      source.update(all);
      for (EndpointStatus s : lb.endpoints()) {
        inFlight.put(s.endpoint().id(), s.inFlight());
      }
      assertThat(inFlight.values()).allMatch(v -> v == 0);
    }
  }

  private static Set<String> appliedIds(LoadBalancer lb) {
    Set<String> ids = new java.util.HashSet<>();
    for (EndpointStatus s : lb.endpoints()) {
      ids.add(s.endpoint().id());
    }
    return ids;
  }

  private static Set<String> ids(List<Endpoint> endpoints) {
    Set<String> ids = new java.util.HashSet<>();
    for (Endpoint e : endpoints) {
      ids.add(e.id());
    }
    return ids;
  }

  private record EndpointState(Pick pick) {}
}
