package dev.ballast.lb.internal;

import dev.ballast.lb.PickContext;

/**
 * Chooses one endpoint among a fixed, non-empty group (one zone, or all endpoints). Immutable apart
 * from the strategy's own lock-free counters; {@link #pick} takes no lock and allocates nothing. It
 * does not acquire the chosen endpoint and does not handle exclusions: the caller does both.
 */
public interface ChildPicker {
  /** One endpoint of the group; never null. */
  EndpointState pick(PickContext context);
}
