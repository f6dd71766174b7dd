package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Position;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Router}'s read-your-writes contexts, one per thread, and the scopes that raise a
 * context's token for a while and then restore it as it was. A context is confined to its thread;
 * this holder is thread-safe.
 */
final class SessionContexts {
  private final ThreadLocal<SessionContext> contexts = ThreadLocal.withInitial(SessionContext::new);

  /** The calling thread's context. */
  SessionContext current() {
    return contexts.get();
  }

  /** See {@link Router#enterScope(long)}. */
  Runnable enterScope(long lsn) {
    SessionContext ctx = current();
    SessionContext saved = ctx.copy();
    ctx.enterScope();
    ctx.advanceToken(lsn);
    return () -> ctx.restore(saved);
  }

  /** See {@link Router#enterScope(Position)}. */
  Runnable enterScope(@Nullable Position position) {
    SessionContext ctx = current();
    SessionContext saved = ctx.copy();
    ctx.enterScope();
    if (position != null) {
      ctx.advancePosition(position);
    }
    return () -> ctx.restore(saved);
  }

  /**
   * A logical connection that wrote in {@code wroteIn} (the writing thread's context) closed: on
   * that thread and outside any scope, the implicit per-thread mode ends with it. A connection
   * closed on another thread cannot touch the writer's thread-confined context.
   */
  void writerClosed(SessionContext wroteIn) {
    if (contexts.get() == wroteIn && !wroteIn.inScope()) {
      wroteIn.endImplicit();
    }
  }
}
