package dev.ballast.jdbc.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
  static boolean rerunnable(Binding b, ConnectionSettings settings, Session session) {
    return b.reason() == RouteReason.READ
        && settings.readOnly
        && settings.autoCommit
        && !session.pinned();
  }

  /**
   * A replay for a statement about to be made on {@code b} by {@code factory} for {@code sql}: only
   * when the binding is {@link #rerunnable}, nothing ran on it yet and no other statement is open;
   * else null (the statement then never runs again elsewhere, and records nothing).
   */
  static @Nullable StatementReplay replayFor(
      StatementReplay.Factory factory,
      String sql,
      Binding b,
      ConnectionSettings settings,
      Session session,
      List<? extends Statement> open) {
    if (rerunnable(b, settings, session) && !session.executed() && open.isEmpty()) {
      return new StatementReplay(factory, sql);
    }
    return null;
  }

  /**
   * Whether the first execution of {@code statement}, which failed on {@code b} with {@code e}, may
   * run again elsewhere: {@code b} is still the session's binding and {@link #rerunnable}, {@code
   * statement} is the only one open, and {@code e} says the connection died.
   */
  static boolean mayRetry(
      Binding b,
      SQLException e,
      Statement statement,
      ConnectionSettings settings,
      Session session,
      List<? extends Statement> open) {
    return mayRetry(b, e, statement, settings, session, open, SqlStates.isConnectionFailure(e));
  }

  /** As above, with whether {@code e} says the connection died decided by the engine's dialect. */
  static boolean mayRetry(
      Binding b,
      SQLException e,
      Statement statement,
      ConnectionSettings settings,
      Session session,
      List<? extends Statement> open,
      boolean connectionFailure) {
    return session.binding() == b
        && rerunnable(b, settings, session)
        && open.size() == 1
        && open.get(0) == statement
        && connectionFailure;
  }
}
