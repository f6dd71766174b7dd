package dev.ballast.reliability;

/**
 * The faults of a {@link FaultPlan}: HTTP faults hit one instance of the farm, PostgreSQL faults
 * one node of the cluster. Each says what {@link Fault#param()} means.
 */
public enum FaultKind {
  /** The instance stops (connections refused, in-flight calls die) and starts again. */
  KILL(true),
  /** The instance reads requests and never answers, health checks included. */
  HANG(true),
  /** Every answer is delayed by {@code param} milliseconds (health checks are not). */
  SLOW(true),
  /** A fraction {@code param}/1000 of answers are {@code 503}. */
  ERROR_BURST(true),
  /** Every connection is reset after its request is read. */
  RESET(true),
  /** The health check flips between failing and passing every {@code param} milliseconds. */
  HEALTH_FLAP(true),
  /** The replica stops (sessions terminated) and starts again. */
  REPLICA_STOP(false),
  /** The replica's WAL replay is paused, then resumed. */
  REPLICA_PAUSE(false),
  /** The replica applies each transaction {@code param} milliseconds late, then on time again. */
  REPLICA_DELAY(false),
  /** The primary stops for good and the replica named as target is promoted. */
  FAILOVER(false);

  private final boolean http;

  FaultKind(boolean http) {
    this.http = http;
  }

  /** Whether the fault hits an HTTP instance (else a PostgreSQL node). */
  public boolean isHttp() {
    return http;
  }
}
