package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** A binding's compact fields: its reason and the time it was held, as given. */
class BindingTest {
  private static final Host HOST = TestBindings.of("r1", RouteReason.READ).host();

  private static Binding startedAt(long nanos, RouteReason reason) {
    return new Binding(HOST, TestBindings.inert(Connection.class), reason, null, nanos);
  }

  @Test
  void everyReasonComesBackAsGiven() {
    for (RouteReason r : RouteReason.values()) {
      Binding b = startedAt(0L, r);
      assertThat(b.reason()).isEqualTo(r);
      assertThat(b.onPrimary()).isEqualTo(r.toPrimary());
    }
  }

  @Test
  void theTimeHeldIsKeptToTheMicrosecond() {
    long start = 123_456_789_012L;
    Binding b = startedAt(start, RouteReason.READ);
    assertThat(b.heldNanos(start)).isLessThan(1_024L);
    assertThat(b.heldNanos(start + 250_000L)).isBetween(250_000L - 1_024L, 250_000L + 1_024L);
    assertThat(b.heldNanos(start + 90_000_000_000L))
        .as("a minute and a half")
        .isBetween(90_000_000_000L - 1_024L, 90_000_000_000L + 1_024L);
  }

  @Test
  void theTimeHeldIsRightAcrossTheWrapOfThe32BitStartAndForNegativeTickerTimes() {
    long[] starts = {(1L << 41) - 3_000L, -5_000_000L, Long.MIN_VALUE / 2, -1L};
    for (long start : starts) {
      Binding b = startedAt(start, RouteReason.WRITE);
      long later = start + 40_000_000L;
      assertThat(b.heldNanos(later))
          .as("started at %d", start)
          .isBetween(40_000_000L - 1_024L, 40_000_000L + 1_024L);
    }
  }
}
