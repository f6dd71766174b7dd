package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Position;
import org.jspecify.annotations.Nullable;

/**
 * What read-your-writes remembers for one context (a thread, or a scope opened with a token): the
 * position of the last committed write and when the last write happened. Confined to its thread;
 * not thread-safe.
 *
 * <p>Outside any scope (the implicit per-thread mode) the context lives only as long as the logical
 * connection that wrote: its close {@linkplain #endImplicit() ends} it, so that a pooled thread
 * never carries one request's writes into the next. Inside a scope, the scope's close restores what
 * was there before.
 */
public final class SessionContext {
  /** A connection whose auto-commit writes have committed but whose WAL position is not taken. */
  interface PendingPosition {
    /** Takes the position now (one query on the writer's connection). */
    void recordPosition();
  }

  /** {@link #tokenRaisedNanos} when the token did not come from this context's own commit. */
  private static final long AGE_UNKNOWN = Long.MIN_VALUE;

  private long tokenLsn = Lsns.NONE;
  private @Nullable Position tokenPosition;
  private long tokenRaisedNanos = AGE_UNKNOWN;
  private @Nullable PendingPosition pending;

  /**
   * When auto-commit writes on connections already given back last committed without their position
   * taken (PostgreSQL), {@link #AGE_UNKNOWN} when nothing is owed so.
   */
  private long owedByPrimarySince = AGE_UNKNOWN;

  private boolean wrote;
  private long lastWriteNanos;
  private int scopeDepth;

  /** The WAL position reads must see, {@link Lsns#NONE} when none. */
  public long tokenLsn() {
    return tokenLsn;
  }

  /**
   * Raises the position reads must see (never lowers it) to a token given from outside (a scope):
   * when it was committed is unknown, so it counts as old ({@link #tokenYoungerThan}).
   */
  public void advanceToken(long lsn) {
    if (lsn > tokenLsn) {
      tokenLsn = lsn;
      tokenRaisedNanos = AGE_UNKNOWN;
    }
  }

  /**
   * Raises the position reads must see to {@code lsn}, this context's commit at {@code nowNanos}.
   */
  void advanceToken(long lsn, long nowNanos) {
    if (lsn > tokenLsn) {
      tokenLsn = lsn;
      tokenRaisedNanos = nowNanos;
    }
  }

  /** The GTID position reads must see (GTID engines); null when none. */
  public @Nullable Position tokenPosition() {
    return tokenPosition;
  }

  /**
   * Raises the GTID position reads must see to cover {@code position} as well, a position given
   * from outside (a scope): it counts as old ({@link #tokenYoungerThan}).
   */
  public void advancePosition(Position position) {
    advancePosition(position, AGE_UNKNOWN);
  }

  /** As {@link #advancePosition(Position)} for this context's commit at {@code nowNanos}. */
  void advancePosition(Position position, long nowNanos) {
    Position p = tokenPosition;
    tokenPosition = p == null ? position : p.merge(position);
    tokenRaisedNanos = nowNanos;
  }

  /**
   * Whether the token was last raised by this context's own commit less than {@code nanos} before
   * {@code nowNanos} (ticker time): a replica has most likely not replayed it yet. A token given by
   * a scope counts as old: it was committed elsewhere, at least a hop away.
   */
  boolean tokenYoungerThan(long nowNanos, long nanos) {
    return tokenRaisedNanos != AGE_UNKNOWN && nowNanos - tokenRaisedNanos < nanos;
  }

  /**
   * Remembers {@code writer}, whose position a read in this context must wait for: taking it is
   * deferred to the writer's release, unless a read needs it first ({@link #settlePending()}). Only
   * the latest writer is kept; an earlier one was settled when it was replaced.
   */
  void owe(PendingPosition writer) {
    PendingPosition p = pending;
    if (p != null && p != writer) {
      p.recordPosition();
    }
    pending = writer;
  }

  /** Forgets {@code writer} if it is the pending one (its position was taken or given up). */
  void settled(PendingPosition writer) {
    if (pending == writer) {
      pending = null;
    }
  }

  /** Takes the pending writer's position, if any, so that the token covers its writes. */
  void settlePending() {
    PendingPosition p = pending;
    if (p != null) {
      pending = null;
      p.recordPosition();
    }
  }

  /**
   * Notes that auto-commit writes committed at about {@code nowNanos} on a connection now given
   * back, whose position was not taken: the primary's WAL insert position read later on any of its
   * connections covers them (it only grows), so it is read only when a read needs it.
   */
  void owePrimaryPosition(long nowNanos) {
    owedByPrimarySince = nowNanos;
  }

  /**
   * Whether a position is owed by writes of given-back connections ({@link #owePrimaryPosition}).
   */
  boolean owesPrimaryPosition() {
    return owedByPrimarySince != AGE_UNKNOWN;
  }

  /** Whether that owed position's last write is less than {@code nanos} old at {@code nowNanos}. */
  boolean owedYoungerThan(long nowNanos, long nanos) {
    return owedByPrimarySince != AGE_UNKNOWN && nowNanos - owedByPrimarySince < nanos;
  }

  /** Raises the token to {@code lsn}, read on the primary for the owed writes; clears the debt. */
  void primaryPositionTaken(long lsn) {
    long since = owedByPrimarySince;
    owedByPrimarySince = AGE_UNKNOWN;
    advanceToken(lsn, since);
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

  /** Notes that a scope opened on this context (after taking the {@link #copy()} it restores). */
  void enterScope() {
    scopeDepth++;
  }

  /** Whether a scope is open on this context. */
  boolean inScope() {
    return scopeDepth > 0;
  }

  /**
   * Ends the implicit mode: a logical connection that wrote was closed outside any scope, so the
   * token and the write window go. A position still owed by another open connection stays owed: its
   * writes are this thread's too, and their close ends them in turn.
   */
  void endImplicit() {
    tokenLsn = Lsns.NONE;
    tokenPosition = null;
    tokenRaisedNanos = AGE_UNKNOWN;
    owedByPrimarySince = AGE_UNKNOWN;
    wrote = false;
    lastWriteNanos = 0;
  }

  /** Takes every field from {@code other}. */
  void restore(SessionContext other) {
    tokenLsn = other.tokenLsn;
    tokenPosition = other.tokenPosition;
    tokenRaisedNanos = other.tokenRaisedNanos;
    wrote = other.wrote;
    lastWriteNanos = other.lastWriteNanos;
    pending = other.pending;
    owedByPrimarySince = other.owedByPrimarySince;
    scopeDepth = other.scopeDepth;
  }
}
