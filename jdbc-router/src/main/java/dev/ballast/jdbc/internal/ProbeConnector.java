package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the topology monitor gets the connection it probes a host with. Used from the monitor's
 * probe threads only, one probe per host at a time.
 */
public interface ProbeConnector extends AutoCloseable {
  /** A connection to the host; may block up to the connector's connect timeout. */
  Connection acquire() throws SQLException;

  /**
   * Whether a probe that failed with a connection failure is worth one more try on a fresh
   * connection: so for a connector that keeps its connection between probes (it may have died with
   * a restart the host has already recovered from). Not for a pool, which validates what it hands
   * out and, for a host that refuses connections, would make the round wait its whole timeout
   * twice.
   */
  default boolean retriesOnFreshConnection() {
    return false;
  }

  /** Gives back a connection from {@link #acquire}; {@code broken} ones are discarded. */
  void release(Connection connection, boolean broken);

  /** Releases any connection kept between probes. Idempotent. */
  @Override
  void close();
}
