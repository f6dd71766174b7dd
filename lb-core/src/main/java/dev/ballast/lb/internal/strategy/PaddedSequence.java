package dev.ballast.lb.internal.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Left padding: keeps {@link PaddedSequence}'s counter off its neighbours' cache lines. */
abstract class PaddedSequencePadLeft {
  long p01, p02, p03, p04, p05, p06, p07;
}

/** The contended counter, bumped on every pick. */
abstract class PaddedSequenceValue extends PaddedSequencePadLeft {
  volatile long value;
}

/** Right padding. */
abstract class PaddedSequencePadRight extends PaddedSequenceValue {
  long p11, p12, p13, p14, p15, p16, p17;
}

/**
 * A lock-free, non-negative, ever-increasing ticket counter for rotating pickers. Padded because
 * every pick of every thread writes it: sharing its cache line with the picker's read-only arrays
 * would make each of those reads miss too.
 *
 * <p>A {@code long} rather than an {@code int}: it does not wrap in practice (2^63 picks), so the
 * rotation never skips or repeats an index at a wrap-around.
 */
final class PaddedSequence extends PaddedSequencePadRight {
  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(PaddedSequenceValue.class, "value", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Starts at {@code start}, which must be non-negative. */
  PaddedSequence(long start) {
    this.value = start;
  }

  /** The next ticket; thread-safe, wait-free on platforms with an atomic add. */
  long next() {
    return (long) VALUE.getAndAdd(this, 1L);
  }
}
