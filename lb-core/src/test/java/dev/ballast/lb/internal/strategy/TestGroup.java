package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Endpoint states for strategy tests: a fake clock, no ejection feedback, counting helpers. */
final class TestGroup implements EndpointState.Feedback {
  static final long DECAY_NANOS = TimeUnit.SECONDS.toNanos(10);
  static final long FAILURE_PENALTY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private long now = 1_000_000_000L;
  private int nextPort = 8000;

  /** Endpoint states {@code e0 … e(n-1)} on ports 8000…, sharing this group's fake clock. */
  EndpointState[] states(int n) {
    EndpointState[] states = new EndpointState[n];
    for (int i = 0; i < n; i++) {
      states[i] = state("e" + i);
    }
    return states;
  }

  EndpointState state(String id) {
    Endpoint endpoint = Endpoint.builder("127.0.0.1", nextPort++).id(id).build();
    return new EndpointState(endpoint, false, this, DECAY_NANOS, FAILURE_PENALTY_NANOS);
  }

  void advance(long nanos) {
    now += nanos;
  }

  @Override
  public void onConsecutiveFailures(EndpointState state, int count) {
    throw new AssertionError("threshold is 0: never called");
  }

  @Override
  public int failureThreshold() {
    return 0;
  }

  @Override
  public long sampleNanoTime() {
    return now;
  }

  static double[] weights(double... w) {
    return w;
  }

  static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  /** How many of {@code picks} picks (with the default context) went to each state, by index. */
  static int[] count(ChildPicker picker, EndpointState[] states, int picks) {
    int[] counts = new int[states.length];
    for (int i = 0; i < picks; i++) {
      counts[indexOf(states, picker.pick(dev.ballast.lb.PickContext.DEFAULT))]++;
    }
    return counts;
  }

  static int indexOf(EndpointState[] states, EndpointState state) {
    for (int i = 0; i < states.length; i++) {
      if (states[i] == state) {
        return i;
      }
    }
    throw new AssertionError("picked " + state + ", which is not in the group");
  }

  /** Counts by endpoint id, in index order (readable in assertion messages). */
  static Map<String, Integer> byId(EndpointState[] states, int[] counts) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < states.length; i++) {
      map.put(states[i].endpoint().id(), counts[i]);
    }
    return map;
  }
}
