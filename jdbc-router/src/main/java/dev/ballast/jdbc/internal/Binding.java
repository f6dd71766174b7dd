package dev.ballast.jdbc.internal;

import dev.ballast.lb.Pick;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A logical connection's physical connection: which host, why, and the load-balancer pick to
 * complete when it is given back. Used by one logical connection at a time.
 */
public final class Binding {
  private final Host host;
  private final Connection physical;
  private final RouteReason reason;
  private final @Nullable Pick pick;
  private final long startNanos;
  private volatile boolean failed;

  Binding(
      Host host, Connection physical, RouteReason reason, @Nullable Pick pick, long startNanos) {
    this.host = host;
    this.physical = physical;
    this.reason = reason;
    this.pick = pick;
    this.startNanos = startNanos;
  }

  /** The host the physical connection belongs to. */
  public Host host() {
    return host;
  }

  /** The pooled physical connection. */
  public Connection physical() {
    return physical;
  }

  /** The connection to make statements on ({@link Host#forStatements}). */
  Connection forStatements() throws SQLException {
    return host.forStatements(physical);
  }

  /** Why this host. */
  public RouteReason reason() {
    return reason;
  }

  /** Whether the connection is on the primary (for a write, a fallback or read-your-writes). */
  public boolean onPrimary() {
    return reason.toPrimary();
  }

  @Nullable Pick pick() {
    return pick;
  }

  long startNanos() {
    return startNanos;
  }

  /** Whether a connection-level failure was seen on it. */
  public boolean failed() {
    return failed;
  }

  void markFailed() {
    failed = true;
  }

  @Override
  public String toString() {
    return host.name() + " (" + reason.tag() + ")";
  }
}
