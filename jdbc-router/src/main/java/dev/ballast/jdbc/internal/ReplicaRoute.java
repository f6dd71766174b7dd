package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.Fallback;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Position;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.Ticker;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Router}'s read routing: an eligible replica chosen by the load balancer (zone first,
 * least-request by default) that satisfies read-your-writes, else the primary ({@link
 * PrimaryRoute}) or a failure as {@code fallback} says. Thread-safe; the read-your-writes context
 * it is given is the calling thread's.
 */
final class ReplicaRoute {
  private static final Logger log = LoggerFactory.getLogger(ReplicaRoute.class);
  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * How long after a commit a replica is expected to have replayed it: a streaming replica on the
   * same network replays a commit in about half a millisecond (measured on the testkit cluster),
   * one in another zone adds a network hop. With {@code max-wait=0}, a token younger than this is
   * not asked about: the read goes to the primary at once.
   */
  static final long CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final RouterConfig config;
  private final Dialect dialect;
  private final boolean tracksPositions;
  private final boolean lsnPositions;
  private final List<Host> hosts;
  private final Map<String, Host> byName;
  private final TopologyMonitor monitor;
  private final LoadBalancer balancer;
  private final Ticker ticker;
  private final long windowNanos;
  private final long maxWaitNanos;
  private final PrimaryRoute primary;
  private final ReadYourWritesPositions positions;

  /** A read waits for a replica's pool while the replica stays eligible. */
  private final PoolAcquirer.Watch readWatch;

  ReplicaRoute(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      Map<String, Host> byName,
      TopologyMonitor monitor,
      LoadBalancer balancer,
      Ticker ticker,
      PrimaryRoute primary,
      ReadYourWritesPositions positions) {
    this.config = config;
    this.dialect = dialect;
    this.tracksPositions = positions.tracks();
    this.lsnPositions = dialect.lsnPositions();
    this.hosts = hosts;
    this.byName = byName;
    this.monitor = monitor;
    this.balancer = balancer;
    this.ticker = ticker;
    this.windowNanos = config.readYourWritesWindow().toNanos();
    this.maxWaitNanos = config.readYourWritesMaxWait().toNanos();
    this.primary = primary;
    this.positions = positions;
    this.readWatch = new PoolAcquirer.Watch(monitor, h -> monitor.snapshot().state(h).eligible());
  }

  /**
   * A physical connection for read-only work of context {@code ctx}, avoiding {@code avoid} (a
   * replica a read has just failed on), if not null: an eligible replica that satisfies
   * read-your-writes, else the primary (or a failure with {@code fallback=fail}). Replicas are
   * tried one after another: one whose pool cannot give a connection soon is left out and the next
   * one picked; only when none is left does the read go to the primary or fail.
   *
   * <p>With a token ({@code read-your-writes=lsn|gtid}), a replica known to have replayed it (from
   * the last probe, or a read's question since) takes the read without any question. When none is
   * known to: with {@code max-wait=0} (the default) a token that this context's own commit raised
   * less than {@link #CATCH_UP_NANOS} ago sends the read to the primary at once, an older one (or
   * one given by a scope) costs one question to the picked replica, and a "not yet" sends the read
   * to the primary; with a positive {@code max-wait}, replicas are asked in turn, waiting for the
   * replay at most {@code max-wait} in all. A replay position a question sees is remembered for the
   * host, so later reads of every context skip the question.
   */
  Binding bind(SessionContext ctx, @Nullable Host avoid) throws SQLException {
    ReadYourWrites ryw = config.readYourWrites();
    if (tracksPositions) {
      ctx.settlePending(); // this context's auto-commit writes whose position is not taken yet
      if (ctx.owesPrimaryPosition() && monitor.snapshot().eligibleReplicas() > 0) {
        if (maxWaitNanos == 0 && ctx.owedYoungerThan(ticker.nanoTime(), CATCH_UP_NANOS)) {
          // As for a young token below, and the position need not even be read: the primary
          // has the writes.
          return primary.bind(RouteReason.READ_YOUR_WRITES);
        }
        try {
          positions.settle(ctx);
        } catch (SQLException e) {
          log.debug("'{}': could not read the owed WAL position", config.name(), e);
          return primary.bind(RouteReason.READ_YOUR_WRITES);
        }
      }
    }
    if (ryw == ReadYourWrites.WINDOW && ctx.wroteWithin(ticker.nanoTime(), windowNanos)) {
      return primary.bind(RouteReason.READ_YOUR_WRITES);
    }
    long token = tracksPositions && lsnPositions ? ctx.tokenLsn() : Lsns.NONE;
    @Nullable Position position = tracksPositions && !lsnPositions ? ctx.tokenPosition() : null;
    TopologySnapshot snap = monitor.snapshot();
    PickContext context = PickContext.DEFAULT; // no allocation unless something is excluded
    boolean mustCheck = false;
    if ((token >= 0 || position != null) && snap.eligibleReplicas() > 0) {
      PickContext caughtUpOnly = CaughtUpReplicas.excludeBehind(snap, token, position, avoid);
      mustCheck = caughtUpOnly == null;
      if (caughtUpOnly != null) {
        context = caughtUpOnly;
      } else if (maxWaitNanos == 0 && ctx.tokenYoungerThan(ticker.nanoTime(), CATCH_UP_NANOS)) {
        // No replica is known to have replayed this context's own commit of a moment ago: asking
        // one would almost surely cost a round trip for a "not yet", while the primary has the
        // write now. Never waiting, the read is no slower than on the primary (and is one more
        // read the primary serves).
        return primary.bind(RouteReason.READ_YOUR_WRITES);
      }
    }
    // Replicas left out because they are behind this context's writes: a miss is then a
    // read-your-writes decision, not a fallback.
    boolean rywExcluded = context != PickContext.DEFAULT;
    if (avoid != null) {
      context = context.exclude(avoid.endpoint());
    }
    long waitDeadline = System.nanoTime() + maxWaitNanos;
    boolean rywMiss = false;
    @Nullable Map<Host, String> tried = null;
    for (int attempt = 0; attempt <= hosts.size(); attempt++) {
      Pick pick = balancer.pick(context);
      if (!pick.isPresent()) {
        break;
      }
      long start = ticker.nanoTime();
      Host h = byName.get(pick.endpoint().id());
      if (h == null || !monitor.snapshot().state(h).eligible()) {
        // The balancer may still hold a set the monitor has just replaced.
        pick.complete(Outcome.NOT_SENT, 0);
        context = context.exclude(pick.endpoint());
        continue;
      }
      Connection c;
      try {
        c = PoolAcquirer.acquireReplica(h, readWatch);
      } catch (SQLException e) {
        pick.complete(Outcome.FAILURE, ticker.nanoTime() - start);
        if (dialect.isConnectionFailure(e)) {
          monitor.requestRecheck();
        }
        log.debug("'{}': replica {} failed to give a connection", config.name(), h.name(), e);
        tried = triedAdd(tried, h, "no connection: " + SqlStates.shortMessage(e));
        context = context.exclude(pick.endpoint());
        continue;
      }
      if (c == null) {
        pick.complete(Outcome.NOT_SENT, 0);
        context = context.exclude(pick.endpoint());
        continue;
      }
      if (mustCheck && !CaughtUpReplicas.knownApplied(h, token, position)) {
        // A replica that lagged more than max-wait at the last probe gets only a short grace
        // (a streaming replica replays a commit in about half a millisecond): it has usually
        // caught up since, or is stuck, and then waiting would only delay the read. The wait is
        // one budget for all replicas: after the first miss, the others are asked once each.
        boolean wait = monitor.snapshot().state(h).lagSeconds() * 1e9 <= maxWaitNanos;
        long deadline =
            wait ? waitDeadline : Math.min(waitDeadline, System.nanoTime() + GRACE_NANOS);
        boolean caughtUp;
        try {
          caughtUp =
              position == null
                  ? ReplayWaiter.await(h, c, token, deadline)
                  : CaughtUpReplicas.awaitPosition(dialect, h, c, position, deadline);
        } catch (SQLException e) {
          h.giveBack(c);
          boolean broken = dialect.isConnectionFailure(e);
          pick.complete(broken ? Outcome.FAILURE : Outcome.SUCCESS, ticker.nanoTime() - start);
          if (broken) {
            h.softEvict();
            monitor.requestRecheck();
          }
          tried = triedAdd(tried, h, "replay position unknown: " + SqlStates.shortMessage(e));
          context = context.exclude(pick.endpoint());
          continue;
        }
        if (!caughtUp) {
          h.giveBack(c);
          pick.complete(Outcome.SUCCESS, ticker.nanoTime() - start);
          rywMiss = true;
          if (maxWaitNanos == 0) {
            break; // without a wait, one question is all a read pays before the primary
          }
          context = context.exclude(pick.endpoint());
          continue;
        }
      }
      primary.recorder().routed(RouteReason.READ);
      return new Binding(h, c, RouteReason.READ, pick, start);
    }
    if (rywMiss || rywExcluded) {
      return primary.bind(RouteReason.READ_YOUR_WRITES);
    }
    if (config.fallback() == Fallback.FAIL) {
      throw noReplica(tried);
    }
    return primary.bind(RouteReason.FALLBACK);
  }

  private static Map<Host, String> triedAdd(@Nullable Map<Host, String> tried, Host h, String why) {
    Map<Host, String> m = tried != null ? tried : new LinkedHashMap<>();
    m.put(h, why);
    return m;
  }

  /**
   * The {@code fallback=fail} error: every read candidate and why it is not eligible, and for those
   * that were eligible but tried in vain, what happened.
   */
  private SQLTransientConnectionException noReplica(@Nullable Map<Host, String> tried) {
    TopologySnapshot now = monitor.snapshot();
    if (tried == null) {
      return new SQLTransientConnectionException(
          "no replica of '"
              + config.name()
              + "' is eligible for reads (fallback=fail): "
              + now.describe(now.readCandidates()),
          "08001");
    }
    StringBuilder sb = new StringBuilder();
    for (HostState s : now.readCandidates()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(s.describe());
      String why = tried.get(s.host());
      if (why != null) {
        sb.append(", tried: ").append(why);
      }
    }
    return new SQLTransientConnectionException(
        "no replica of '" + config.name() + "' could take the read (fallback=fail): " + sb,
        "08001");
  }
}
