package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;

/**
 * {@code round-robin}: endpoints in turn, ignoring weights. Thread-safe and lock-free; one atomic
 * increment per pick.
 *
 * <p>Each picker starts at a random index: when many clients are rebuilt at the same moment (a
 * deploy), starting all of them at index 0 sends their first calls to the same endpoint — Netflix
 * saw 3–4× load on some nodes for that reason (grpc-java #4462).
 */
final class RoundRobinPicker implements ChildPicker {
  private final EndpointState[] endpoints;
  private final PaddedSequence sequence;

  RoundRobinPicker(EndpointState[] endpoints, RandomSource random) {
    this.endpoints = endpoints;
    this.sequence = new PaddedSequence(random.nextInt(endpoints.length));
  }

  @Override
  public EndpointState pick(PickContext context) {
    return endpoints[(int) (sequence.next() % endpoints.length)];
  }
}
