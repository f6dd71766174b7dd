package dev.ballast.jdbc.internal;

import org.jspecify.annotations.Nullable;

/**
 * When a read that failed on a replica may run once more elsewhere. Only work that cannot have left
 * an effect behind and whose results nobody has seen: read-only, auto-commit work on a replica
 * (which cannot write), the binding's first execution ({@code executeQuery} or {@code execute},
 * never updates or batches), with that statement the only one open and nothing tied to the physical
 * connection handed out (the session is not pinned), failing with a connection-class error (a
 * restart killed the session). Never inside a transaction, never after results were handed out.
 * Stateless.
 */
final class ReadRetryPolicy {
  private ReadRetryPolicy() {}

  /**
   * Whether {@code b} serves work a failed first execution may re-run elsewhere: read-only,
   * auto-commit, on a replica, not pinned.
   */
  static boolean rerunnable(Binding b, boolean readOnly, boolean autoCommit, Session session) {
    return b.reason() == RouteReason.READ && readOnly && autoCommit && !session.pinned();
  }

  /**
   * The replay of a statement about to be made on {@code b} by {@code factory}: the factory itself
   * (the statement records its own steps) when the binding is {@link #rerunnable}, nothing ran on
   * it yet and no other statement is open; else null (the statement then never runs again
   * elsewhere, and records nothing).
   */
  static StatementReplay.@Nullable Factory replayFor(
      StatementReplay.Factory factory,
      Binding b,
      boolean readOnly,
      boolean autoCommit,
      Session session,
      int openStatements) {
    if (rerunnable(b, readOnly, autoCommit, session)
        && !session.executed()
        && openStatements == 0) {
      return factory;
    }
    return null;
  }

  /**
   * Whether the first execution of a statement, which failed on {@code b}, may run again elsewhere:
   * {@code b} is still the session's binding and {@link #rerunnable}, the statement is the only one
   * open ({@code onlyOpen}), and the failure says the connection died ({@code connectionFailure},
   * as the engine's dialect decides).
   */
  static boolean mayRetry(
      Binding b,
      boolean readOnly,
      boolean autoCommit,
      Session session,
      boolean onlyOpen,
      boolean connectionFailure) {
    return session.binding() == b
        && rerunnable(b, readOnly, autoCommit, session)
        && onlyOpen
        && connectionFailure;
  }
}
