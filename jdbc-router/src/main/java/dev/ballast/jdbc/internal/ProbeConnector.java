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

  /** Gives back a connection from {@link #acquire}; {@code broken} ones are discarded. */
  void release(Connection connection, boolean broken);

  /** Releases any connection kept between probes. Idempotent. */
  @Override
  void close();
}
