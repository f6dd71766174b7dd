package dev.ballast.lb;

/**
 * The one system ticker ({@link Ticker#system()}): a single instance, so that a balancer can
 * recognise it (by identity with {@code Ticker.system()}) and read the shared coarse clock for
 * latency samples instead. Beside {@link Ticker} rather than in {@code internal}, so that the
 * public interface does not depend on the internal package that depends on it.
 */
final class SystemTicker implements Ticker {
  /** The instance {@link Ticker#system()} returns. */
  static final SystemTicker INSTANCE = new SystemTicker();

  private SystemTicker() {}

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public String toString() {
    return "Ticker.system()";
  }
}
