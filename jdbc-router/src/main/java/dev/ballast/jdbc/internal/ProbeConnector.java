package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Dialect;
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

  /**
   * Probes the host over a connection from {@link #acquire}, and once more on a fresh one when the
   * first failed with a connection failure and {@link #retriesOnFreshConnection} says a fresh one
   * can tell more. The one place this rule lives: a router's own hosts and a server shared by
   * several routers ({@link SharedHost}) are probed the same way.
   *
   * @throws SQLException the (last) probe's failure
   */
  default ProbeResult probe(Dialect dialect, int timeoutSeconds) throws SQLException {
    try {
      return probeOnce(dialect, timeoutSeconds);
    } catch (SQLException e) {
      if (!retriesOnFreshConnection() || !dialect.isConnectionFailure(e)) {
        throw e;
      }
      // The kept connection may have died with a restart the host has already recovered
      // from; a fresh one tells the host's state now (and the precise reason if it is down).
      return probeOnce(dialect, timeoutSeconds);
    }
  }

  private ProbeResult probeOnce(Dialect dialect, int timeoutSeconds) throws SQLException {
    Connection c = acquire();
    boolean broken = true;
    try {
      ProbeResult r = dialect.probe(c, timeoutSeconds);
      broken = false;
      return r;
    } finally {
      release(c, broken);
    }
  }

  /** Gives back a connection from {@link #acquire}; {@code broken} ones are discarded. */
  void release(Connection connection, boolean broken);

  /** Releases any connection kept between probes. Idempotent. */
  @Override
  void close();
}
