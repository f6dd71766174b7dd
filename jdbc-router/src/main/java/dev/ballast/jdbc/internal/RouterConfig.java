package dev.ballast.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.Fallback;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.Topology;
import dev.ballast.lb.Durations;
import dev.ballast.lb.Strategy;
import java.time.Duration;

/**
 * The immutable routing settings of one router (everything but the hosts). Validated by whoever
 * builds it (the public builder or the properties binder). Thread-safe.
 */
public final class RouterConfig {
  /** Default {@code ballast.jdbc.name}. */
  public static final String DEFAULT_NAME = "db";

  /** Default {@code ballast.jdbc.health-check.interval}. */
  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);

  /** Default {@code ballast.jdbc.max-replica-lag}. */
  public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofSeconds(5);

  /** Default {@code ballast.jdbc.read-your-writes.window}. */
  public static final Duration DEFAULT_RYW_WINDOW = Duration.ofSeconds(2);

  /** Default {@code ballast.jdbc.read-your-writes.max-wait}. */
  public static final Duration DEFAULT_RYW_MAX_WAIT = Duration.ZERO;

  private final String name;
  private final String localZone;
  private final Strategy strategy;
  private final Duration maxReplicaLag;
  private final Fallback fallback;
  private final ReadYourWrites readYourWrites;
  private final Duration readYourWritesWindow;
  private final Duration readYourWritesMaxWait;
  private final Topology topology;
  private final Duration healthCheckInterval;
  private final Duration healthCheckTimeout;

  /** Creates the settings; every argument non-null, durations already validated. */
  public RouterConfig(
      String name,
      String localZone,
      Strategy strategy,
      Duration maxReplicaLag,
      Fallback fallback,
      ReadYourWrites readYourWrites,
      Duration readYourWritesWindow,
      Duration readYourWritesMaxWait,
      Topology topology,
      Duration healthCheckInterval,
      Duration healthCheckTimeout) {
    this.name = requireNonNull(name, "name");
    this.localZone = requireNonNull(localZone, "localZone");
    this.strategy = requireNonNull(strategy, "strategy");
    this.maxReplicaLag = requireNonNull(maxReplicaLag, "maxReplicaLag");
    this.fallback = requireNonNull(fallback, "fallback");
    this.readYourWrites = requireNonNull(readYourWrites, "readYourWrites");
    this.readYourWritesWindow = requireNonNull(readYourWritesWindow, "readYourWritesWindow");
    this.readYourWritesMaxWait = requireNonNull(readYourWritesMaxWait, "readYourWritesMaxWait");
    this.topology = requireNonNull(topology, "topology");
    this.healthCheckInterval = requireNonNull(healthCheckInterval, "healthCheckInterval");
    this.healthCheckTimeout = requireNonNull(healthCheckTimeout, "healthCheckTimeout");
  }

  /**
   * The probe timeout when none is configured: the health interval, kept within 1 s..5 s (a
   * sub-second interval must not turn a busy host's slightly late answer into an outage).
   */
  public static Duration defaultHealthCheckTimeout(Duration healthCheckInterval) {
    long ms = Math.max(1000, Math.min(5000, healthCheckInterval.toMillis()));
    return Duration.ofMillis(ms);
  }

  /** The router's name: in pool names, metrics tags and messages. */
  public String name() {
    return name;
  }

  /** This process's zone; empty when unknown. */
  public String localZone() {
    return localZone;
  }

  /** How replicas are balanced. */
  public Strategy strategy() {
    return strategy;
  }

  /** Replicas lagging more are not eligible; zero means no limit. */
  public Duration maxReplicaLag() {
    return maxReplicaLag;
  }

  /** What a read does when no replica is eligible. */
  public Fallback fallback() {
    return fallback;
  }

  /** The read-your-writes mode. */
  public ReadYourWrites readYourWrites() {
    return readYourWrites;
  }

  /** How long after a write reads stay on the primary in {@code window} mode. */
  public Duration readYourWritesWindow() {
    return readYourWritesWindow;
  }

  /** How long a read in {@code lsn} mode waits for a replica to catch up. */
  public Duration readYourWritesMaxWait() {
    return readYourWritesMaxWait;
  }

  /** Whether roles are configured or detected. */
  public Topology topology() {
    return topology;
  }

  /** How often every host is probed. */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** How long one probe (connect and query) may take before the host counts as not answering. */
  public Duration healthCheckTimeout() {
    return healthCheckTimeout;
  }

  @Override
  public String toString() {
    return "name="
        + name
        + ", zone="
        + (localZone.isEmpty() ? "(none)" : localZone)
        + ", replica-strategy="
        + strategy.propertyName()
        + ", max-replica-lag="
        + (maxReplicaLag.isZero() ? "(none)" : Durations.format(maxReplicaLag))
        + ", fallback="
        + fallback.propertyName()
        + ", read-your-writes="
        + readYourWrites.propertyName()
        + ", read-your-writes.window="
        + Durations.format(readYourWritesWindow)
        + ", read-your-writes.max-wait="
        + Durations.format(readYourWritesMaxWait)
        + ", topology="
        + topology.propertyName()
        + ", health-check.interval="
        + Durations.format(healthCheckInterval)
        + ", health-check.timeout="
        + Durations.format(healthCheckTimeout);
  }
}
