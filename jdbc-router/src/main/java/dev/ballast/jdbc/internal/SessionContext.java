package dev.ballast.jdbc.internal;

/**
 * What read-your-writes remembers for one context (a thread, or a scope opened with a token): the
 * position of the last committed write and when the last write happened. Confined to its thread;
 * not thread-safe.
 */
public final class SessionContext {
  private long tokenLsn = Lsns.NONE;
  private boolean wrote;
  private long lastWriteNanos;

  /** The WAL position reads must see, {@link Lsns#NONE} when none. */
  public long tokenLsn() {
    return tokenLsn;
  }

  /** Raises the position reads must see (never lowers it). */
  public void advanceToken(long lsn) {
    if (lsn > tokenLsn) {
      tokenLsn = lsn;
    }
  }

  /** Whether a write happened within {@code windowNanos} before {@code nowNanos}. */
  boolean wroteWithin(long nowNanos, long windowNanos) {
    return wrote && nowNanos - lastWriteNanos < windowNanos;
  }

  /** Records a write at {@code nowNanos}. */
  void recordWrite(long nowNanos) {
    wrote = true;
    lastWriteNanos = nowNanos;
  }

  /** A copy, to restore when a scope ends. */
  SessionContext copy() {
    SessionContext c = new SessionContext();
    c.restore(this);
    return c;
  }

  /** Takes every field from {@code other}. */
  void restore(SessionContext other) {
    tokenLsn = other.tokenLsn;
    wrote = other.wrote;
    lastWriteNanos = other.lastWriteNanos;
  }
}
