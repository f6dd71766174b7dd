package dev.ballast.jdbc.internal;

import dev.ballast.lb.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * What the monitor last learned about one host, and whether that makes it eligible for reads.
 * Immutable.
 */
public final class HostState {
  private final Host host;
  private final Role role;
  private final boolean reachable;
  private final String error;
  private final long lsn;
  private final long lagBytes;
  private final double lagSeconds;
  private final long timeline;
  private final boolean eligible;
  private final String reason;

  HostState(
      Host host,
      Role role,
      boolean reachable,
      String error,
      long lsn,
      long lagBytes,
      double lagSeconds,
      long timeline,
      boolean eligible,
      String reason) {
    this.host = host;
    this.role = role;
    this.reachable = reachable;
    this.error = error;
    this.lsn = lsn;
    this.lagBytes = lagBytes;
    this.lagSeconds = lagSeconds;
    this.timeline = timeline;
    this.eligible = eligible;
    this.reason = reason;
  }

  /** The state before any probe: role as configured, not yet eligible. */
  static HostState initial(Host host) {
    return new HostState(
        host,
        host.configuredPrimary() ? Role.PRIMARY : Role.REPLICA,
        false,
        "not probed yet",
        Lsns.NONE,
        0,
        0,
        0,
        false,
        "not probed yet");
  }

  /** The host. */
  public Host host() {
    return host;
  }

  /** Last observed role (the configured one until the host has answered). */
  public Role role() {
    return role;
  }

  /** Whether the last probe reached the host. */
  public boolean reachable() {
    return reachable;
  }

  /** Why the last probe failed; empty when it succeeded. */
  public String error() {
    return error;
  }

  /** Current WAL position of a primary, replay position of a replica; {@link Lsns#NONE} unknown. */
  public long lsn() {
    return lsn;
  }

  /** How many WAL bytes a replica is behind the primary (0 for a primary). */
  public long lagBytes() {
    return lagBytes;
  }

  /** How many seconds a replica is behind; 0 when caught up or idle. */
  public double lagSeconds() {
    return lagSeconds;
  }

  /** The primary's timeline (0 for replicas or when unknown). */
  public long timeline() {
    return timeline;
  }

  /** Whether reads may go to this host as a replica. */
  public boolean eligible() {
    return eligible;
  }

  /** Why the host is not eligible for reads; empty when it is. */
  public String reason() {
    return reason;
  }

  HostState withEligibility(boolean isEligible, String why) {
    return new HostState(
        host, role, reachable, error, lsn, lagBytes, lagSeconds, timeline, isEligible, why);
  }

  /**
   * One line for messages, e.g. {@code r1 (jdbc:postgresql://h:5432/app, zone a): replica, lag
   * 0.000s/0 bytes, eligible} or {@code r2 (…): replica, not eligible: unreachable: Connection to
   * h:5432 refused}.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(host.name());
    sb.append(" (").append(host.location());
    if (!host.zone().isEmpty()) {
      sb.append(", zone ").append(host.zone());
    }
    sb.append("): ");
    if (!reachable) {
      sb.append("last known role ").append(role.label());
    } else {
      sb.append(role.label());
      if (role == Role.REPLICA) {
        sb.append(", lag ").append(seconds(lagSeconds)).append('/').append(lagBytes);
        sb.append(" bytes");
      }
    }
    if (eligible) {
      sb.append(", eligible");
    } else if (!reason.isEmpty()) {
      sb.append(", not eligible: ").append(reason);
    }
    return sb.toString();
  }

  /** Seconds with millisecond precision, e.g. {@code 3.207s}. */
  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3fs", s);
  }

  /** A duration for messages, compact (e.g. {@code 1s}). */
  static String format(Duration d) {
    return Durations.format(d);
  }

  @Override
  public String toString() {
    return describe();
  }
}
