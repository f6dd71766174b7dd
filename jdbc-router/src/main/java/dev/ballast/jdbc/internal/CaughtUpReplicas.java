package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Position;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.PickContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which replicas have replayed a read-your-writes token, for {@link ReplicaRoute}: those known to
 * (from the last probe, or an earlier read's question), and a server-side wait on one that is not
 * known to yet. A position seen is remembered for the host, which spares later reads the question.
 * Stateless.
 */
final class CaughtUpReplicas {
  private CaughtUpReplicas() {}

  /**
   * When some eligible replica other than {@code avoid} is known to have replayed {@code token}, a
   * context excluding the eligible ones that are not: no replica needs to be asked. Otherwise null.
   */
  static @Nullable PickContext excludeBehind(
      TopologySnapshot snap, long token, @Nullable Position position, @Nullable Host avoid) {
    boolean anyCaughtUp = false;
    Set<Endpoint> behind = new HashSet<>();
    for (HostState s : snap.states()) {
      if (s.eligible() && s.host() != avoid) {
        if (knownApplied(s.host(), token, position)) {
          anyCaughtUp = true;
        } else {
          behind.add(s.host().endpoint());
        }
      }
    }
    if (!anyCaughtUp) {
      return null;
    }
    return behind.isEmpty() ? PickContext.DEFAULT : PickContext.excluding(behind);
  }

  /** Whether {@code h} is known to have applied the token: {@code position} if set, else LSNs. */
  static boolean knownApplied(Host h, long token, @Nullable Position position) {
    return position != null ? h.knownToCover(position) : h.knownReplayLsn() >= token;
  }

  /**
   * Asks the replica behind {@code c} to wait for {@code position} until {@code deadlineNanos} (one
   * statement: the engine waits server-side, e.g. {@code MASTER_GTID_WAIT}); a position it reached
   * is remembered for the host, which spares later reads the question.
   */
  static boolean awaitPosition(
      Dialect dialect, Host h, Connection c, Position position, long deadlineNanos)
      throws SQLException {
    long remaining = Math.max(0, deadlineNanos - System.nanoTime());
    boolean reached = dialect.awaitPosition(c, position.text(), Duration.ofNanos(remaining));
    if (reached) {
      h.observePosition(position);
    }
    return reached;
  }
}
