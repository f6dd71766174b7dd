package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.Outcome;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A discrete-event model of the benchmark's 80 %-load table (issue 12 §10) on the test group's fake
 * clock: each instance serves at most {@code workers} calls at once and queues the rest (FIFO),
 * calls arrive open loop (seeded Poisson), and every call reports its whole time in the instance,
 * queueing included, as the client does. Deterministic for a seed; it runs tens of simulated
 * seconds in milliseconds, so the picker's behaviour under real queueing is a unit test.
 */
final class QueueingFleet {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** Latencies of the calls that arrived after the warm-up, and each instance's share of them. */
  record Result(long[] sortedLatencies, int[] calls) {
    long percentile(double p) {
      return sortedLatencies[
          Math.min(sortedLatencies.length - 1, (int) (sortedLatencies.length * p))];
    }

    double share(int index) {
      return calls[index] / (double) sortedLatencies.length;
    }
  }

  private QueueingFleet() {}

  /**
   * Runs {@code warmUpSeconds} then {@code seconds} of calls at {@code rate} per second.
   *
   * @param service each instance's service time, nanoseconds
   */
  static Result run(
      TestGroup group,
      EndpointState[] states,
      ChildPicker picker,
      long[] service,
      int workers,
      double rate,
      int warmUpSeconds,
      int seconds,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // An event is {time, instance or -1 for an arrival, arrival time}.
    PriorityQueue<long[]> events = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    long start = group.sampleNanoTime();
    long measuredFrom = start + warmUpSeconds * SECOND;
    long end = measuredFrom + seconds * SECOND;
    for (long t = start; t < end; ) {
      t += (long) (-Math.log(1 - random.nextDouble()) / rate * SECOND);
      events.add(new long[] {t, -1, t});
    }
    @SuppressWarnings("unchecked")
    ArrayDeque<long[]>[] queues = new ArrayDeque[states.length];
    Arrays.setAll(queues, i -> new ArrayDeque<long[]>());
    int[] busy = new int[states.length];
    int[] calls = new int[states.length];
    long[] latencies = new long[events.size()];
    int measured = 0;
    long now = start;
    while (!events.isEmpty()) {
      long[] event = events.poll();
      group.advance(event[0] - now);
      now = event[0];
      if (event[1] < 0) {
        int chosen = TestGroup.indexOf(states, picker.pick(PickContext.DEFAULT));
        states[chosen].acquire();
        if (event[2] >= measuredFrom) {
          calls[chosen]++;
        }
        long[] call = {0, chosen, event[2]};
        if (busy[chosen] < workers) {
          busy[chosen]++;
          call[0] = now + service[chosen];
          events.add(call);
        } else {
          queues[chosen].add(call);
        }
      } else {
        int instance = (int) event[1];
        long latency = now - event[2];
        states[instance].complete(Outcome.SUCCESS, latency);
        if (event[2] >= measuredFrom) {
          latencies[measured++] = latency;
        }
        long[] next = queues[instance].poll();
        if (next == null) {
          busy[instance]--;
        } else {
          next[0] = now + service[instance];
          events.add(next);
        }
      }
    }
    long[] sorted = Arrays.copyOf(latencies, measured);
    Arrays.sort(sorted);
    return new Result(sorted, calls);
  }
}
