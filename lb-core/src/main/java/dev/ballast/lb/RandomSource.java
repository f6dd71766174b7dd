package dev.ballast.lb;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one source of chance for balancing decisions (start indexes, power-of-two choices, zone
 * shares, jitter). Injected so tests can seed it.
 *
 * <p>Implementations must be thread-safe and must not allocate per call.
 */
public interface RandomSource {
  /**
   * {@return a uniformly distributed int in {@code [0, bound)}; {@code bound > 0}}
   *
   * @param bound the upper bound (exclusive); positive
   */
  int nextInt(int bound);

  /** {@return a uniformly distributed double in {@code [0, 1)}} */
  double nextDouble();

  /** {@return a uniformly distributed long} */
  long nextLong();

  /** {@return the thread-local randomness: fast and uncontended; not reproducible} */
  static RandomSource threadLocal() {
    return ThreadLocalSource.INSTANCE;
  }

  /**
   * {@return a reproducible sequence from {@code seed}} Thread-safe through a lock; intended for
   * tests and benchmarks, where reproducibility matters more than contention.
   *
   * @param seed the seed
   */
  static RandomSource seeded(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return new RandomSource() {
      @Override
      public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
      }

      @Override
      public synchronized double nextDouble() {
        return random.nextDouble();
      }

      @Override
      public synchronized long nextLong() {
        return random.nextLong();
      }
    };
  }

  /** Holder for the shared thread-local source. */
  final class ThreadLocalSource implements RandomSource {
    static final ThreadLocalSource INSTANCE = new ThreadLocalSource();

    private ThreadLocalSource() {}

    @Override
    public int nextInt(int bound) {
      return ThreadLocalRandom.current().nextInt(bound);
    }

    @Override
    public double nextDouble() {
      return ThreadLocalRandom.current().nextDouble();
    }

    @Override
    public long nextLong() {
      return ThreadLocalRandom.current().nextLong();
    }
  }
}
