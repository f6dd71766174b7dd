package dev.ballast.lb.internal;

import dev.ballast.lb.RandomSource;

/** Builds a {@link ChildPicker} for one group of endpoints; called on the control plane. */
@FunctionalInterface
public interface StrategyFactory {
  /**
   * Creates a picker over {@code endpoints}.
   *
   * @param endpoints the group, non-empty; the array is owned by the picker from now on
   * @param weights effective weights (endpoint weight × slow-start factor), each &gt; 0, same
   *     length as {@code endpoints}; owned by the picker from now on
   * @param random the shared random source
   */
  ChildPicker create(EndpointState[] endpoints, double[] weights, RandomSource random);
}
