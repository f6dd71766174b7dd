package dev.ballast.lb;

/**
 * A monotonic clock in nanoseconds. Every time-based decision in Ballast reads one injected ticker,
 * so tests can drive time deterministically instead of sleeping.
 *
 * <p>Implementations must be thread-safe and monotonic; the absolute value has no meaning.
 */
@FunctionalInterface
public interface Ticker {
  /** {@return the current reading in nanoseconds} */
  long nanoTime();

  /** {@return the system's monotonic clock ({@link System#nanoTime()})} */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
