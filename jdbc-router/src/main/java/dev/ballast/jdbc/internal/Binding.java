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
  private static final RouteReason[] REASONS = RouteReason.values();

  private final Host host;
  private final Connection physical;
  private final @Nullable Pick pick;

  /**
   * When the binding began, in units of 1,024 ns, as 32 bits, and the reason as its ordinal: a
   * binding is allocated on every read, and these two fields keep it at 32 bytes rather than 40.
   */
  private final int startUnits;

  private final byte reason;
  private volatile boolean failed;

  Binding(
      Host host, Connection physical, RouteReason reason, @Nullable Pick pick, long startNanos) {
    this.host = host;
    this.physical = physical;
    this.reason = (byte) reason.ordinal();
    this.pick = pick;
    this.startUnits = (int) (startNanos >> 10);
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
    return REASONS[reason];
  }

  /** Whether the connection is on the primary (for a write, a fallback or read-your-writes). */
  public boolean onPrimary() {
    return reason().toPrimary();
  }

  @Nullable Pick pick() {
    return pick;
  }

  /**
   * The time from the bind to {@code nowNanos} (the router's ticker), to the microsecond; a binding
   * held longer than 73 minutes (2^32 units) reports its time modulo that.
   */
  long heldNanos(long nowNanos) {
    return Integer.toUnsignedLong((int) (nowNanos >> 10) - startUnits) << 10;
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
    return host.name() + " (" + reason().tag() + ")";
  }
}
