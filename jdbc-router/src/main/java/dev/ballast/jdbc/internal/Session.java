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
 *
 * <p>The machine is the base class of {@link LogicalConnection} rather than an object it holds, so
 * that a checkout costs one object for both (a read cycle allocates nothing else of its own but the
 * binding, the statement and the result set).
 */
public abstract class Session {
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

  private static final State[] STATES = State.values();
  private static final byte UNBOUND = 0;
  private static final byte BOUND = 1;
  private static final byte IN_TRANSACTION = 2;
  private static final byte CLOSED = 3;

  // The state as a byte (its State's ordinal) beside the four flags: with the binding, the session
  // adds 12 bytes to the logical connection that extends it, and no object of its own.
  private byte state = UNBOUND;
  private @Nullable Binding binding;
  private boolean pinned;
  private boolean executed;
  private boolean wroteInTransaction;
  private boolean unrecordedWrite;

  Session() {}

  /** Where the session is in its life (for tests and diagnostics). */
  public final State state() {
    return STATES[state];
  }

  /** The binding; null unless BOUND or IN_TRANSACTION (also for tests and diagnostics). */
  public final @Nullable Binding binding() {
    return binding;
  }

  final boolean isOpen() {
    return state != CLOSED;
  }

  /** Whether the binding is pinned by an object handed out (also for tests and diagnostics). */
  public final boolean pinned() {
    return pinned;
  }

  /** Whether a statement ran since the last bind. */
  final boolean executed() {
    return executed;
  }

  /** UNBOUND → BOUND on {@code b}. */
  final void bindTo(Binding b) {
    expect(state == UNBOUND, "bind");
    state = BOUND;
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
  final boolean work(boolean autoCommit, boolean writes) {
    expect(state == BOUND || state == IN_TRANSACTION, "work");
    boolean first = !executed;
    executed = true;
    if (!autoCommit) {
      state = IN_TRANSACTION;
      wroteInTransaction |= writes;
    } else {
      unrecordedWrite |= writes;
    }
    return first;
  }

  /** Records a savepoint: with auto-commit off it opens the transaction like a statement. */
  final void savepoint(boolean autoCommit) {
    expect(state == BOUND || state == IN_TRANSACTION, "savepoint");
    if (!autoCommit) {
      state = IN_TRANSACTION;
    }
  }

  /**
   * A commit, a rollback or auto-commit switched on: IN_TRANSACTION (or BOUND) → BOUND.
   *
   * @param committed whether the transaction's work was committed
   * @return whether a WAL position must now be taken (committed writes not yet recorded)
   */
  final boolean end(boolean committed) {
    expect(state == BOUND || state == IN_TRANSACTION, "end");
    state = BOUND;
    boolean owes = committed && (wroteInTransaction || unrecordedWrite);
    wroteInTransaction = false;
    if (owes) {
      unrecordedWrite = false;
    }
    return owes;
  }

  /** Whether committed auto-commit writes still owe a WAL position. */
  final boolean owesPosition() {
    return unrecordedWrite;
  }

  /** The position owed was taken (or given up). */
  final void positionRecorded() {
    unrecordedWrite = false;
  }

  /** Pins the binding: something tied to the physical connection was handed out. */
  final void pin() {
    expect(state == BOUND || state == IN_TRANSACTION, "pin");
    pinned = true;
  }

  /**
   * Checks that the session may leave its binding, for a replica ({@code toReplica}) or the
   * primary.
   *
   * @throws SQLException 25001 inside a transaction or when pinned, saying why and what to do
   */
  final void checkMovable(boolean toReplica) throws SQLException {
    Binding b = binding;
    if (b == null) {
      return;
    }
    String target = toReplica ? "a replica" : "the primary";
    String here =
        toReplica ? "the primary '" + b.host().name() + "'" : "replica '" + b.host().name() + "'";
    if (state == IN_TRANSACTION) {
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
  final Binding leaveBinding() {
    expect(state == BOUND && !pinned, "unbind");
    return leave(UNBOUND);
  }

  /**
   * Any state → CLOSED.
   *
   * @return the binding to give back, null when there was none
   */
  final @Nullable Binding closeSession() {
    expect(state != CLOSED, "close");
    return binding == null ? leaveUnbound() : leave(CLOSED);
  }

  /** Whether uncommitted work must be rolled back before the binding is given back. */
  final boolean inTransaction() {
    return state == IN_TRANSACTION;
  }

  private @Nullable Binding leaveUnbound() {
    state = CLOSED;
    return null;
  }

  private Binding leave(byte next) {
    Binding b = binding;
    if (b == null) {
      throw new IllegalStateException("session in state " + state() + " without a binding");
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
              + state()
              + (pinned ? " (pinned)" : "")
              + ": a bug in the router");
    }
  }

  /** The state, the pin and the binding, for messages. */
  final String describeSession() {
    return state() + (pinned ? " (pinned)" : "") + (binding == null ? "" : " on " + binding);
  }
}
