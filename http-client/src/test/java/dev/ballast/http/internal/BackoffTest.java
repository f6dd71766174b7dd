package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.RandomSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final long MS = 1_000_000L;

  /** A random source that always returns {@code value} from nextDouble. */
  private static RandomSource fixed(double value) {
    return new RandomSource() {
      @Override
      public int nextInt(int bound) {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }

      @Override
      public long nextLong() {
        return 0;
      }
    };
  }

  @Test
  void ceilingDoublesPerRetryUpToOneSecond() {
    Backoff b = new Backoff(Duration.ofMillis(25), fixed(0.999999));
    assertThat(b.delayNanos(1) / MS).isEqualTo(24);
    assertThat(b.delayNanos(2) / MS).isEqualTo(49);
    assertThat(b.delayNanos(3) / MS).isEqualTo(99);
    assertThat(b.delayNanos(7) / MS).isEqualTo(999);
    assertThat(b.delayNanos(60) / MS).isEqualTo(999);
  }

  @Test
  void fullJitterCanBeZeroAndZeroBaseMeansNoWait() {
    assertThat(new Backoff(Duration.ofMillis(25), fixed(0)).delayNanos(3)).isZero();
    assertThat(new Backoff(Duration.ZERO, fixed(0.5)).delayNanos(3)).isZero();
  }

  @Test
  void jitterIsSpreadOverTheWholeRange() {
    Backoff b = new Backoff(Duration.ofMillis(100), RandomSource.seeded(7));
    int low = 0;
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      long d = b.delayNanos(1);
      assertThat(d).isBetween(0L, 100 * MS);
      if (d < 50 * MS) {
        low++;
      }
    }
    assertThat(low / (double) n).isBetween(0.47, 0.53);
  }
}
