package dev.ballast.http.internal;

import dev.ballast.lb.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} that reads lb-core's {@link Ticker}, so that Resilience4j's circuit breaker
 * (which takes a {@code Clock} for its open-state wait) follows the same time as the balancer, and
 * a test's fake ticker moves both. The instant is the ticker's nanoseconds after the epoch: only
 * differences mean anything, which is all the breaker uses.
 */
final class TickerClock extends Clock {
  private final Ticker ticker;

  TickerClock(Ticker ticker) {
    this.ticker = ticker;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // Only intervals are read from this clock; a zone changes nothing about them.
    return this;
  }

  @Override
  public long millis() {
    return Math.floorDiv(ticker.nanoTime(), 1_000_000L);
  }

  @Override
  public Instant instant() {
    return Instant.EPOCH.plusNanos(ticker.nanoTime());
  }
}
