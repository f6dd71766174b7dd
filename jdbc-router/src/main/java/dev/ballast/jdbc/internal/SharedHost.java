package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Dialect;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * One physical database server (host and port) as every router of the process sees it: one probe
 * connection and one probe outcome, shared by the routers of the logical databases it serves
 * ({@code orders} and {@code invoices} on one cluster). A probe asked for while a recent enough one
 * exists (or is running) returns that one, so the server is probed once per interval however many
 * routers watch it; a probe that finds the role or reachability changed tells every other router at
 * once, so a promotion is seen by all of them in the same round.
 *
 * <p>Thread-safe: probes run one at a time per server (callers queue on a lock and then take the
 * fresh outcome); the registry's bookkeeping ({@link SharedHosts}) is guarded by the registry.
 */
public final class SharedHost {
  private final String key;
  private final ProbeConnector connector;
  private final Object probeLock = new Object();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private @Nullable Object last; // a ProbeResult or the SQLException of the last probe
  private long lastStartNanos;
  private long probes;

  SharedHost(String key, ProbeConnector connector) {
    this.key = key;
    this.connector = connector;
  }

  /** {@code host:port}. */
  public String key() {
    return key;
  }

  /** The connection this server is probed over. */
  public ProbeConnector connector() {
    return connector;
  }

  /** How many probes have run against this server (not counting shared answers). */
  public long probes() {
    synchronized (probeLock) {
      return probes;
    }
  }

  void listen(Runnable onChange) {
    listeners.add(onChange);
  }

  void unlisten(Runnable onChange) {
    listeners.remove(onChange);
  }

  /**
   * The server's state: the outcome of a probe started less than {@code maxAgeNanos} ago if there
   * is one (0: always a fresh probe), else a fresh probe, after which, when the role or
   * reachability changed, every listener but {@code self} is told. With one listener (one router on
   * this server) every probe is fresh: sharing changes nothing for a lone router.
   *
   * @throws SQLException the probe's failure (shared like a result)
   */
  ProbeResult probe(Dialect dialect, int timeoutSeconds, long maxAgeNanos, Runnable self)
      throws SQLException {
    Object outcome;
    boolean changed;
    synchronized (probeLock) {
      long now = System.nanoTime();
      Object previous = last;
      if (previous != null && listeners.size() > 1 && now - lastStartNanos < maxAgeNanos) {
        return answer(previous);
      }
      lastStartNanos = now;
      probes++;
      try {
        outcome = connector.probe(dialect, timeoutSeconds);
      } catch (SQLException e) {
        outcome = e;
      }
      last = outcome;
      changed = previous != null && !sameRole(previous, outcome);
    }
    if (changed) {
      for (Runnable l : listeners) {
        if (l != self) {
          try {
            l.run();
          } catch (RuntimeException e) {
            // another router's trouble (closing, say) must not fail this probe
          }
        }
      }
    }
    return answer(outcome);
  }

  private static ProbeResult answer(Object outcome) throws SQLException {
    if (outcome instanceof SQLException e) {
      throw e;
    }
    return (ProbeResult) outcome;
  }

  private static boolean sameRole(Object a, Object b) {
    if (a instanceof ProbeResult x && b instanceof ProbeResult y) {
      return x.inRecovery() == y.inRecovery();
    }
    return a instanceof SQLException && b instanceof SQLException;
  }

  @Override
  public String toString() {
    return key;
  }
}
