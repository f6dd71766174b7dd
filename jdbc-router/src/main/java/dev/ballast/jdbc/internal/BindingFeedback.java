package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import dev.ballast.lb.Ticker;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the end of a {@link Binding} and the failures seen on it tell the rest of the {@link
 * Router}: the pool gets its connection back, the load balancer the pick's outcome and latency, the
 * monitor a request for a re-check when a host may have died or been demoted. Thread-safe.
 */
final class BindingFeedback {
  private static final Logger log = LoggerFactory.getLogger(BindingFeedback.class);

  private final String name;
  private final Dialect dialect;
  private final TopologyMonitor monitor;
  private final Ticker ticker;

  BindingFeedback(String name, Dialect dialect, TopologyMonitor monitor, Ticker ticker) {
    this.name = name;
    this.dialect = dialect;
    this.monitor = monitor;
    this.ticker = ticker;
  }

  /** See {@link Router#release(Binding)}. */
  void release(Binding b) {
    b.host().giveBack(b.physical(), b.failed());
    Pick pick = b.pick();
    if (pick != null) {
      pick.complete(b.failed() ? Outcome.FAILURE : Outcome.SUCCESS, b.heldNanos(ticker.nanoTime()));
    }
  }

  /** See {@link Router#onError(Binding, SQLException)}. */
  void onError(Binding b, SQLException e) {
    if (dialect.isConnectionFailure(e)) {
      b.markFailed();
      if (!b.onPrimary()) {
        // The same restart has most likely killed the pool's other connections too.
        b.host().softEvict();
      }
      monitor.requestRecheck();
    } else if (b.onPrimary() && dialect.isReadOnlyViolation(e)) {
      monitor.requestRecheck(); // the supposed primary may have been demoted
    }
  }

  /** See {@link Router#retried(Binding, Binding, SQLException)}. */
  void retried(Binding failed, Binding fresh, SQLException e) {
    log.debug(
        "'{}': a read failed on replica {} ({}); running it again on {}",
        name,
        failed.host().name(),
        SqlStates.shortMessage(e),
        fresh);
  }
}
