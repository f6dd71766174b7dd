package dev.ballast.testkit.internal.http;

import dev.ballast.testkit.HostileResponse;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of one instance at one moment: immutable apart from the counter that spreads a partial
 * status fault. A new state is published with one volatile write, so a request sees either all of a
 * change or none of it.
 */
final class FaultState {

  static final int OK = 200;

  private static final long MILLION = 1_000_000L;

  static final FaultState NONE =
      new FaultState(0, 0, OK, 1.0, OK, false, false, HostileResponse.NONE, 0, IdleRace.NONE);

  final long latencyMinNanos;
  final long latencyMaxNanos;
  final int status;
  final double statusFraction;
  // The fraction in millionths, so the spread below is exact integer arithmetic.
  private final long statusPerMillion;
  final int healthStatus;
  final boolean hang;
  final boolean reset;
  final HostileResponse hostile;
  // 0: idle connections stay open.
  final long idleCloseNanos;
  final IdleRace idleRace;

  /**
   * A keep-alive timeout that loses its race with the client's next request: 0 nanos = off; with
   * {@code advertise}, keep-alive responses say {@code Keep-Alive: timeout=<whole seconds>}.
   */
  static final class IdleRace {
    static final IdleRace NONE = new IdleRace(0, false);

    final long nanos;
    final boolean advertise;

    IdleRace(long nanos, boolean advertise) {
      this.nanos = nanos;
      this.advertise = advertise;
    }

    /** The advertised timeout in whole seconds (as the header carries it), or -1 for none. */
    long advertisedSeconds() {
      return nanos > 0 && advertise ? nanos / 1_000_000_000L : -1;
    }
  }

  // Belongs to one status setting: a new respondWith starts counting again from zero.
  private final AtomicLong statusCounter = new AtomicLong();

  private FaultState(
      long latencyMinNanos,
      long latencyMaxNanos,
      int status,
      double statusFraction,
      int healthStatus,
      boolean hang,
      boolean reset,
      HostileResponse hostile,
      long idleCloseNanos,
      IdleRace idleRace) {
    this.latencyMinNanos = latencyMinNanos;
    this.latencyMaxNanos = latencyMaxNanos;
    this.status = status;
    this.statusFraction = statusFraction;
    this.statusPerMillion = Math.round(statusFraction * MILLION);
    this.healthStatus = healthStatus;
    this.hang = hang;
    this.reset = reset;
    this.hostile = hostile;
    this.idleCloseNanos = idleCloseNanos;
    this.idleRace = idleRace;
  }

  FaultState withLatency(long minNanos, long maxNanos) {
    return continueCounting(
        new FaultState(
            minNanos,
            maxNanos,
            status,
            statusFraction,
            healthStatus,
            hang,
            reset,
            hostile,
            idleCloseNanos,
            idleRace));
  }

  FaultState withStatus(int newStatus, double fraction) {
    return new FaultState(
        latencyMinNanos,
        latencyMaxNanos,
        newStatus,
        fraction,
        healthStatus,
        hang,
        reset,
        hostile,
        idleCloseNanos,
        idleRace);
  }

  FaultState withHealthStatus(int newHealthStatus) {
    return copy(newHealthStatus, hang, reset, hostile, idleCloseNanos);
  }

  FaultState withHang(boolean newHang) {
    return copy(healthStatus, newHang, reset, hostile, idleCloseNanos);
  }

  FaultState withReset(boolean newReset) {
    return copy(healthStatus, hang, newReset, hostile, idleCloseNanos);
  }

  FaultState withHostile(HostileResponse newHostile) {
    return copy(healthStatus, hang, reset, newHostile, idleCloseNanos);
  }

  FaultState withIdleClose(long newIdleCloseNanos) {
    return copy(healthStatus, hang, reset, hostile, newIdleCloseNanos);
  }

  FaultState withIdleRace(IdleRace newIdleRace) {
    return continueCounting(
        new FaultState(
            latencyMinNanos,
            latencyMaxNanos,
            status,
            statusFraction,
            healthStatus,
            hang,
            reset,
            hostile,
            idleCloseNanos,
            newIdleRace));
  }

  private FaultState copy(
      int newHealthStatus,
      boolean newHang,
      boolean newReset,
      HostileResponse newHostile,
      long newIdleCloseNanos) {
    return continueCounting(
        new FaultState(
            latencyMinNanos,
            latencyMaxNanos,
            status,
            statusFraction,
            newHealthStatus,
            newHang,
            newReset,
            newHostile,
            newIdleCloseNanos,
            idleRace));
  }

  // The status setting is unchanged, so its sequence must continue where it was.
  private FaultState continueCounting(FaultState next) {
    next.statusCounter.set(statusCounter.get());
    return next;
  }

  /** Status for the next non-health request; advances the fraction counter. */
  int nextStatus() {
    if (status == OK || statusPerMillion >= MILLION) {
      return status;
    }
    if (statusPerMillion <= 0) {
      return OK;
    }
    long n = statusCounter.getAndIncrement();
    // Request n is faulty when it raises floor(k * fraction): an exact count, evenly spread,
    // and the same sequence on every run.
    boolean faulty = (n + 1) * statusPerMillion / MILLION > n * statusPerMillion / MILLION;
    return faulty ? status : OK;
  }

  /** Extra latency for the next non-health request, in nanoseconds. */
  long nextLatencyNanos() {
    if (latencyMaxNanos == latencyMinNanos) {
      return latencyMinNanos;
    }
    return ThreadLocalRandom.current().nextLong(latencyMinNanos, latencyMaxNanos + 1);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("faults[");
    if (latencyMaxNanos > 0) {
      s.append("latency=").append(latencyMinNanos / 1_000_000.0);
      if (latencyMaxNanos != latencyMinNanos) {
        s.append("..").append(latencyMaxNanos / 1_000_000.0);
      }
      s.append("ms ");
    }
    if (status != OK) {
      s.append("status=").append(status);
      if (statusFraction < 1.0) {
        s.append('x').append(statusFraction);
      }
      s.append(' ');
    }
    if (healthStatus != OK) {
      s.append("health=").append(healthStatus).append(' ');
    }
    if (hang) {
      s.append("hang ");
    }
    if (reset) {
      s.append("reset ");
    }
    if (hostile != HostileResponse.NONE) {
      s.append("hostile=").append(hostile).append(' ');
    }
    if (idleCloseNanos > 0) {
      s.append("idle-close=").append(idleCloseNanos / 1_000_000.0).append("ms ");
    }
    if (idleRace.nanos > 0) {
      s.append("idle-race=").append(idleRace.nanos / 1_000_000.0).append("ms ");
    }
    if (s.charAt(s.length() - 1) == ' ') {
      s.setLength(s.length() - 1);
    } else {
      s.append("none");
    }
    return s.append(']').toString();
  }
}
