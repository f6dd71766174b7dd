package dev.ballast.jdbc.internal;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The state of one logical connection, as an explicit machine:
 *
 * <pre>
 *   UNBOUND --bind--> BOUND --work (auto-commit off)--> IN_TRANSACTION
 *      ^                |  ^                                 |
 *      +----unbind------+  +------end (commit/rollback)------+
 *   any state --close--> CLOSED
 * </pre>
 *
 * <p>A bound session is <em>pinned</em> once something tied to its physical connection was handed
 * out (metadata, an unwrapped driver connection, a LOB, an array…): it then stays on that
 * connection until it is closed, because giving the connection back to its pool would let another
 * caller share it with whoever holds that object. A move (unbind while open) is refused with
 * SQLState 25001 inside a transaction or when pinned; every other illegal transition is a bug in
 * the router and throws {@link IllegalStateException}.
 *
 * <p>It also remembers what the writes on the binding still owe read-your-writes: a transaction
 * that wrote (the WAL position is taken at its commit), and auto-commit writes whose position was
 * not taken yet (taken once, when the connection is released or a read needs it). Confined to the
 * logical connection's thread.
 */
public final class Session {
  /** Where a logical connection is in its life. */
  public enum State {
    /** No physical connection: settings are only recorded. */
    UNBOUND,
    /** On a physical connection, no transaction with work open. */
    BOUND,
    /** On a physical connection, with auto-commit off and statements run since the last end. */
    IN_TRANSACTION,
    /** Closed for good. */
    CLOSED
  }

  private State state = State.UNBOUND;
  private @Nullable Binding binding;
  private boolean pinned;
  private boolean executed;
  private boolean wroteInTransaction;
  private boolean unrecordedWrite;

  State state() {
    return state;
  }

  /** The binding; null unless BOUND or IN_TRANSACTION. */
  @Nullable Binding binding() {
    return binding;
  }

  boolean isOpen() {
    return state != State.CLOSED;
  }

  boolean pinned() {
    return pinned;
  }

  /** Whether a statement ran since the last bind. */
  boolean executed() {
    return executed;
  }

  /** UNBOUND → BOUND on {@code b}. */
  void bind(Binding b) {
    expect(state == State.UNBOUND, "bind");
    state = State.BOUND;
    binding = b;
    pinned = false;
    executed = false;
    wroteInTransaction = false;
    unrecordedWrite = false;
  }

  /**
   * Records a statement about to run; BOUND → IN_TRANSACTION when auto-commit is off.
   *
   * @param writes whether it may write on the primary in read-write mode
   * @return whether it is the first statement since the bind
   */
  boolean work(boolean autoCommit, boolean writes) {
    expect(state == State.BOUND || state == State.IN_TRANSACTION, "work");
    boolean first = !executed;
    executed = true;
    if (!autoCommit) {
      state = State.IN_TRANSACTION;
      wroteInTransaction |= writes;
    } else {
      unrecordedWrite |= writes;
    }
    return first;
  }

  /** Records a savepoint: with auto-commit off it opens the transaction like a statement. */
  void savepoint(boolean autoCommit) {
    expect(state == State.BOUND || state == State.IN_TRANSACTION, "savepoint");
    if (!autoCommit) {
      state = State.IN_TRANSACTION;
    }
  }

  /**
   * A commit, a rollback or auto-commit switched on: IN_TRANSACTION (or BOUND) → BOUND.
   *
   * @param committed whether the transaction's work was committed
   * @return whether a WAL position must now be taken (committed writes not yet recorded)
   */
  boolean end(boolean committed) {
    expect(state == State.BOUND || state == State.IN_TRANSACTION, "end");
    state = State.BOUND;
    boolean owes = committed && (wroteInTransaction || unrecordedWrite);
    wroteInTransaction = false;
    if (owes) {
      unrecordedWrite = false;
    }
    return owes;
  }

  /** Whether committed auto-commit writes still owe a WAL position. */
  boolean owesPosition() {
    return unrecordedWrite;
  }

  /** The position owed was taken (or given up). */
  void positionRecorded() {
    unrecordedWrite = false;
  }

  /** Pins the binding: something tied to the physical connection was handed out. */
  void pin() {
    expect(state == State.BOUND || state == State.IN_TRANSACTION, "pin");
    pinned = true;
  }

  /**
   * Checks that the session may leave its binding, for a replica ({@code toReplica}) or the
   * primary.
   *
   * @throws SQLException 25001 inside a transaction or when pinned, saying why and what to do
   */
  void checkMovable(boolean toReplica) throws SQLException {
    Binding b = binding;
    if (b == null) {
      return;
    }
    String target = toReplica ? "a replica" : "the primary";
    String here =
        toReplica ? "the primary '" + b.host().name() + "'" : "replica '" + b.host().name() + "'";
    if (state == State.IN_TRANSACTION) {
      throw new SQLException(
          "cannot switch to "
              + target
              + " inside a transaction: this connection is on "
              + here
              + " and has run statements since the last commit or rollback; commit or roll back"
              + " first, or call setReadOnly("
              + toReplica
              + ") before the transaction's first statement",
          "25001");
    }
    if (pinned) {
      throw new SQLException(
          "cannot switch to "
              + target
              + ": this connection is on "
              + here
              + " and has handed out an object tied to that physical connection (metadata, an"
              + " unwrapped driver connection, a LOB or array), which must stay with it until"
              + " close; use another connection for "
              + target,
          "25001");
    }
  }

  /**
   * BOUND → UNBOUND, for a move or a read run again elsewhere.
   *
   * @return the binding to give back, whose transaction has nothing uncommitted
   */
  Binding unbind() {
    expect(state == State.BOUND && !pinned, "unbind");
    return leave(State.UNBOUND);
  }

  /**
   * Any state → CLOSED.
   *
   * @return the binding to give back, null when there was none
   */
  @Nullable Binding close() {
    expect(state != State.CLOSED, "close");
    return binding == null ? leaveUnbound() : leave(State.CLOSED);
  }

  /** Whether uncommitted work must be rolled back before the binding is given back. */
  boolean inTransaction() {
    return state == State.IN_TRANSACTION;
  }

  private @Nullable Binding leaveUnbound() {
    state = State.CLOSED;
    return null;
  }

  private Binding leave(State next) {
    Binding b = binding;
    if (b == null) {
      throw new IllegalStateException("session in state " + state + " without a binding");
    }
    state = next;
    binding = null;
    pinned = false;
    executed = false;
    wroteInTransaction = false;
    return b;
  }

  private void expect(boolean legal, String transition) {
    if (!legal) {
      throw new IllegalStateException(
          "illegal session transition '"
              + transition
              + "' in state "
              + state
              + (pinned ? " (pinned)" : "")
              + ": a bug in the router");
    }
  }

  @Override
  public String toString() {
    return state + (pinned ? " (pinned)" : "") + (binding == null ? "" : " on " + binding);
  }
}
