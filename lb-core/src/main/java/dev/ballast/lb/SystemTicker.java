package dev.ballast.lb.internal;

import dev.ballast.lb.Ticker;

/**
 * The one system ticker ({@link Ticker#system()}): a single instance, so that a balancer can
 * recognise it and read the shared coarse clock for latency samples instead.
 */
public final class SystemTicker implements Ticker {
  /** The instance {@link Ticker#system()} returns. */
  public static final SystemTicker INSTANCE = new SystemTicker();

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
