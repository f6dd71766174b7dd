package dev.ballast.http.internal;

import dev.ballast.lb.Ticker;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A rate budget for retries (Finagle's shape, see the anchors §3.5): every call deposits, a retry
 * withdraws, and withdrawals over the last 10 seconds may not exceed {@code percent} of the
 * deposits in that window plus a floor of {@code minPerSecond} × 10. The floor lets a quiet service
 * retry at all; the percentage stops a dead zone from multiplying the load on the rest.
 *
 * <p>Ten one-second buckets on the injected ticker. Deposits are lock-free; a bucket reused for a
 * new second is reset with a CAS, and an increment racing that reset may be lost, which only makes
 * the budget a hair stricter. Withdrawals (rare) are serialized so check-and-take is atomic.
 */
final class RetryBudget {
  private static final int BUCKETS = 10;
  private static final long BUCKET_NANOS = 1_000_000_000L;

  private final Ticker ticker;
  private final double ratio;
  private final long floor;
  private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray deposits = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray withdrawals = new AtomicLongArray(BUCKETS);

  RetryBudget(Ticker ticker, int percent, int minPerSecond) {
    this.ticker = ticker;
    this.ratio = percent / 100.0;
    this.floor = (long) minPerSecond * BUCKETS;
    long epoch = Math.floorDiv(ticker.nanoTime(), BUCKET_NANOS);
    for (int i = 0; i < BUCKETS; i++) {
      epochs.set(i, Long.MIN_VALUE);
    }
    epochs.set(Math.floorMod(epoch, BUCKETS), epoch);
  }

  /** Records one call. Any thread, lock-free. */
  void deposit() {
    long epoch = Math.floorDiv(ticker.nanoTime(), BUCKET_NANOS);
    int i = roll(epoch);
    deposits.incrementAndGet(i);
  }

  /** Takes one retry if the budget allows it. Any thread. */
  synchronized boolean tryWithdraw() {
    long epoch = Math.floorDiv(ticker.nanoTime(), BUCKET_NANOS);
    int current = roll(epoch);
    long deposited = 0;
    long withdrawn = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long e = epochs.get(i);
      if (e > epoch - BUCKETS && e <= epoch) {
        deposited += deposits.get(i);
        withdrawn += withdrawals.get(i);
      }
    }
    if (withdrawn + 1 > (long) (deposited * ratio) + floor) {
      return false;
    }
    withdrawals.incrementAndGet(current);
    return true;
  }

  private int roll(long epoch) {
    int i = (int) Math.floorMod(epoch, (long) BUCKETS);
    long e = epochs.get(i);
    if (e != epoch && e < epoch && epochs.compareAndSet(i, e, epoch)) {
      deposits.set(i, 0);
      withdrawals.set(i, 0);
    }
    return i;
  }
}
