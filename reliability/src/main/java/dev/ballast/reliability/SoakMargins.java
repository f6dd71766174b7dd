package dev.ballast.reliability;

import java.time.Duration;

/**
 * How much slack a chaos soak leaves a slow machine: the HTTP client's timeouts, the JDBC pools'
 * connection timeout, and how long after a replica stop or a promotion failed reads and writes are
 * still excused. {@link #STRICT} is the long mode's, run by hand on a quiet machine; {@link
 * #SHARED_MACHINE} is the short mode's in the test suite, where a loaded two-core CI runner can
 * stall every thread for seconds — a stall that says nothing about the libraries.
 */
public enum SoakMargins {
  /** Tight timeouts and grace windows: 1 s per HTTP attempt, reads 1 s, writes 2 s. */
  STRICT(
      Duration.ofMillis(500),
      Duration.ofSeconds(1),
      Duration.ofMillis(250),
      Duration.ofSeconds(3),
      Duration.ofSeconds(1),
      Duration.ofSeconds(2)),

  /** Room for seconds-long stalls: 3 s per HTTP attempt, 1 s health checks, 5 s grace windows. */
  SHARED_MACHINE(
      Duration.ofSeconds(2),
      Duration.ofSeconds(3),
      Duration.ofSeconds(1),
      Duration.ofSeconds(5),
      Duration.ofSeconds(5),
      Duration.ofSeconds(5));

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration healthCheckTimeout;
  private final Duration jdbcConnectionTimeout;
  private final Duration readGrace;
  private final Duration writeGrace;

  SoakMargins(
      Duration connectTimeout,
      Duration requestTimeout,
      Duration healthCheckTimeout,
      Duration jdbcConnectionTimeout,
      Duration readGrace,
      Duration writeGrace) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.healthCheckTimeout = healthCheckTimeout;
    this.jdbcConnectionTimeout = jdbcConnectionTimeout;
    this.readGrace = readGrace;
    this.writeGrace = writeGrace;
  }

  /** The HTTP client's connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The HTTP client's bound of one attempt. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** The HTTP client's active health-check timeout. */
  public Duration healthCheckTimeout() {
    return healthCheckTimeout;
  }

  /** The JDBC pools' {@code connectionTimeout}. */
  public Duration jdbcConnectionTimeout() {
    return jdbcConnectionTimeout;
  }

  /** Read failures this soon after a replica stop or the failover was applied are excused. */
  public Duration readGrace() {
    return readGrace;
  }

  /** Write failures from the failover's start until this long after the promotion are excused. */
  public Duration writeGrace() {
    return writeGrace;
  }
}
