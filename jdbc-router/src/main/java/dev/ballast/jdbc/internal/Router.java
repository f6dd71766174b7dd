package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.Fallback;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.Topology;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Dialects;
import dev.ballast.jdbc.internal.dialect.Position;
import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.Ticker;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each logical connection goes and hands out physical connections: writes to the
 * primary; reads to an eligible replica chosen by the load balancer (zone first, least-request by
 * default), honouring read-your-writes, else the primary or a failure as {@code fallback} says.
 *
 * <p>Everything engine-specific (probe, commit position, waiting for a position on a replica, what
 * an error means) goes through the {@link Dialect} chosen once, from the primary's URL. PostgreSQL
 * positions are {@code long} LSNs end to end; GTID engines' positions are {@link Position}s.
 *
 * <p>Thread-safe. The per-context read-your-writes state is thread-confined ({@link #context()}).
 */
public final class Router implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Router.class);
  private static final long GRACE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * How long after a commit a replica is expected to have replayed it: a streaming replica on the
   * same network replays a commit in about half a millisecond (measured on the testkit cluster),
   * one in another zone adds a network hop. With {@code max-wait=0}, a token younger than this is
   * not asked about: the read goes to the primary at once.
   */
  static final long CATCH_UP_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(2);

  private final RouterConfig config;
  private final Dialect dialect;
  private final boolean tracksPositions;
  private final boolean lsnPositions;
  private final List<Host> hosts;
  private final Map<String, Host> byName = new LinkedHashMap<>();
  private final TopologyMonitor monitor;
  private final LoadBalancer balancer;
  private final Ticker ticker;
  private final long windowNanos;
  private final long maxWaitNanos;
  private final ThreadLocal<SessionContext> contexts = ThreadLocal.withInitial(SessionContext::new);
  private final AtomicBoolean lsnFailureLogged = new AtomicBoolean();
  private volatile RouteRecorder recorder = RouteRecorder.NONE;

  private Router(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      Ticker ticker,
      SharedHosts.@Nullable Lease lease) {
    this.config = config;
    this.dialect = dialect;
    this.tracksPositions =
        config.readYourWrites() == ReadYourWrites.LSN
            || config.readYourWrites() == ReadYourWrites.GTID;
    this.lsnPositions = dialect.lsnPositions();
    this.hosts = List.copyOf(hosts);
    for (Host h : this.hosts) {
      byName.put(h.name(), h);
    }
    this.ticker = ticker;
    this.windowNanos = config.readYourWritesWindow().toNanos();
    this.maxWaitNanos = config.readYourWritesMaxWait().toNanos();
    DynamicEndpointSource replicas = EndpointSource.dynamic();
    this.monitor =
        new TopologyMonitor(
            config,
            dialect,
            this.hosts,
            replicas,
            ticker,
            lease == null ? Map.of() : lease.hosts(),
            lease);
    LbConfig lb =
        LbConfig.builder().strategy(config.strategy()).localZone(config.localZone()).build();
    this.balancer =
        LoadBalancer.builder(config.name())
            .config(lb)
            .source(replicas)
            .ticker(ticker)
            .scheduler(monitor.scheduler())
            .build();
  }

  /**
   * Creates a router over {@code hosts} and runs the monitor's first round before returning, so the
   * first connection already knows the topology.
   */
  public static Router start(RouterConfig config, List<Host> hosts, Ticker ticker) {
    return start(config, Dialects.postgresql(), hosts, ticker);
  }

  /** As {@link #start(RouterConfig, List, Ticker)}, for the engine {@code dialect} speaks to. */
  public static Router start(
      RouterConfig config, Dialect dialect, List<Host> hosts, Ticker ticker) {
    return start(config, dialect, hosts, ticker, null);
  }

  /**
   * As {@link #start(RouterConfig, Dialect, List, Ticker)}, probing the servers of {@code lease}
   * through their shared state; the lease is given back when the router closes (also when it fails
   * to start).
   */
  public static Router start(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      Ticker ticker,
      SharedHosts.@Nullable Lease lease) {
    Router r;
    try {
      r = new Router(config, dialect, hosts, ticker, lease);
    } catch (RuntimeException | Error e) {
      if (lease != null) {
        lease.close();
      }
      throw e;
    }
    try {
      r.monitor.start();
    } catch (RuntimeException | Error e) {
      r.close();
      throw e;
    }
    return r;
  }

  /** Sets the recorder of routing decisions (metrics). */
  public void setRecorder(RouteRecorder value) {
    recorder = value;
  }

  /** The settings. */
  public RouterConfig config() {
    return config;
  }

  /** Every host, the configured primary first. */
  public List<Host> hosts() {
    return hosts;
  }

  /** The host named {@code name}, or null. */
  public @Nullable Host host(String name) {
    return byName.get(name);
  }

  /** The engine's dialect, chosen from the primary's URL. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Whether read-your-writes keeps commit positions ({@code lsn} or {@code gtid}): the positions
   * are then taken after commits and checked before reads.
   */
  public boolean tracksPositions() {
    return tracksPositions;
  }

  /** Whether {@code e} says the connection or server is gone, as the engine reports it. */
  public boolean isConnectionFailure(SQLException e) {
    return dialect.isConnectionFailure(e);
  }

  /** The topology monitor. */
  public TopologyMonitor monitor() {
    return monitor;
  }

  /** The replicas' load balancer. */
  public LoadBalancer balancer() {
    return balancer;
  }

  /** The calling thread's read-your-writes context. */
  public SessionContext context() {
    return contexts.get();
  }

  /**
   * Raises the calling thread's token to at least {@code lsn} until the returned action runs, which
   * restores the thread's context as it was.
   */
  public Runnable enterScope(long lsn) {
    SessionContext ctx = context();
    SessionContext saved = ctx.copy();
    ctx.enterScope();
    ctx.advanceToken(lsn);
    return () -> ctx.restore(saved);
  }

  /**
   * As {@link #enterScope(long)} for a GTID engine's position; null raises nothing (the scope only
   * restores the context when it ends).
   */
  public Runnable enterScope(@Nullable Position position) {
    SessionContext ctx = context();
    SessionContext saved = ctx.copy();
    ctx.enterScope();
    if (position != null) {
      ctx.advancePosition(position);
    }
    return () -> ctx.restore(saved);
  }

  /**
   * Called when a logical connection that wrote in {@code wroteIn} (the writing thread's context)
   * closes: on that thread and outside any scope, the implicit per-thread mode ends with it. A
   * connection closed on another thread cannot touch the writer's thread-confined context.
   */
  void writerClosed(SessionContext wroteIn) {
    if (contexts.get() == wroteIn && !wroteIn.inScope()) {
      wroteIn.endImplicit();
    }
  }

  /** The current context's clock reading, for write timestamps. */
  long now() {
    return ticker.nanoTime();
  }

  /**
   * A physical connection on the primary for read-write work.
   *
   * @throws SQLTransientConnectionException when there is no primary (auto topology), naming every
   *     host and its last known state
   * @throws SQLException the pool's failure
   */
  public Binding bindWrite() throws SQLException {
    return bindPrimary(RouteReason.WRITE);
  }

  /**
   * A physical connection for read-only work: an eligible replica that satisfies read-your-writes,
   * else the primary (or a failure with {@code fallback=fail}).
   */
  public Binding bindRead() throws SQLException {
    return bindRead(null);
  }

  /**
   * As {@link #bindRead()}, avoiding {@code avoid} (a replica a read has just failed on). Replicas
   * are tried one after another: one whose pool cannot give a connection soon is left out and the
   * next one picked; only when none is left does the read go to the primary or fail.
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
  public Binding bindRead(@Nullable Host avoid) throws SQLException {
    SessionContext ctx = context();
    ReadYourWrites ryw = config.readYourWrites();
    if (tracksPositions) {
      ctx.settlePending(); // this context's auto-commit writes whose position is not taken yet
      if (ctx.owesPrimaryPosition() && monitor.snapshot().eligibleReplicas() > 0) {
        if (maxWaitNanos == 0 && ctx.owedYoungerThan(ticker.nanoTime(), CATCH_UP_NANOS)) {
          // As for a young token below, and the position need not even be read: the primary
          // has the writes.
          return bindPrimary(RouteReason.READ_YOUR_WRITES);
        }
        try {
          settleOwed(ctx);
        } catch (SQLException e) {
          log.debug("'{}': could not read the owed WAL position", config.name(), e);
          return bindPrimary(RouteReason.READ_YOUR_WRITES);
        }
      }
    }
    if (ryw == ReadYourWrites.WINDOW && ctx.wroteWithin(ticker.nanoTime(), windowNanos)) {
      return bindPrimary(RouteReason.READ_YOUR_WRITES);
    }
    long token = tracksPositions && lsnPositions ? ctx.tokenLsn() : Lsns.NONE;
    @Nullable Position position = tracksPositions && !lsnPositions ? ctx.tokenPosition() : null;
    TopologySnapshot snap = monitor.snapshot();
    PickContext context = PickContext.DEFAULT; // no allocation unless something is excluded
    boolean mustCheck = false;
    if ((token >= 0 || position != null) && snap.eligibleReplicas() > 0) {
      PickContext caughtUpOnly = excludeBehind(snap, token, position, avoid);
      mustCheck = caughtUpOnly == null;
      if (caughtUpOnly != null) {
        context = caughtUpOnly;
      } else if (maxWaitNanos == 0 && ctx.tokenYoungerThan(ticker.nanoTime(), CATCH_UP_NANOS)) {
        // No replica is known to have replayed this context's own commit of a moment ago: asking
        // one would almost surely cost a round trip for a "not yet", while the primary has the
        // write now. Never waiting, the read is no slower than on the primary (and is one more
        // read the primary serves).
        return bindPrimary(RouteReason.READ_YOUR_WRITES);
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
      if (mustCheck && !knownApplied(h, token, position)) {
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
                  : awaitPosition(h, c, position, deadline);
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
      recorder.routed(RouteReason.READ);
      return new Binding(h, c, RouteReason.READ, pick, start);
    }
    if (rywMiss || rywExcluded) {
      return bindPrimary(RouteReason.READ_YOUR_WRITES);
    }
    if (config.fallback() == Fallback.FAIL) {
      throw noReplica(tried);
    }
    return bindPrimary(RouteReason.FALLBACK);
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

  /**
   * When some eligible replica other than {@code avoid} is known to have replayed {@code token}, a
   * context excluding the eligible ones that are not: no replica needs to be asked. Otherwise null.
   */
  private static @Nullable PickContext excludeBehind(
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
  private static boolean knownApplied(Host h, long token, @Nullable Position position) {
    return position != null ? h.knownToCover(position) : h.knownReplayLsn() >= token;
  }

  /**
   * Asks the replica behind {@code c} to wait for {@code position} until {@code deadlineNanos} (one
   * statement: the engine waits server-side, e.g. {@code MASTER_GTID_WAIT}); a position it reached
   * is remembered for the host, which spares later reads the question.
   */
  private boolean awaitPosition(Host h, Connection c, Position position, long deadlineNanos)
      throws SQLException {
    long remaining = Math.max(0, deadlineNanos - System.nanoTime());
    boolean reached = dialect.awaitPosition(c, position.text(), Duration.ofNanos(remaining));
    if (reached) {
      h.observePosition(position);
    }
    return reached;
  }

  /** A read waits for a replica's pool while the replica stays eligible. */
  private final PoolAcquirer.Watch readWatch =
      new PoolAcquirer.Watch() {
        @Override
        public boolean stillWanted(Host h) {
          return monitor.snapshot().state(h).eligible();
        }

        @Override
        public boolean reachable(Host h) {
          return monitor.snapshot().state(h).reachable();
        }

        @Override
        public void onSlow() {
          monitor.requestRecheck();
        }
      };

  /** A write waits for the primary's pool while that host is still the primary. */
  private final PoolAcquirer.Watch writeWatch =
      new PoolAcquirer.Watch() {
        @Override
        public boolean stillWanted(Host h) {
          return config.topology() == Topology.STATIC || monitor.snapshot().primary() == h;
        }

        @Override
        public boolean reachable(Host h) {
          return readWatch.reachable(h);
        }

        @Override
        public void onSlow() {
          monitor.requestRecheck();
        }
      };

  /**
   * Reads the primary's WAL insert position for {@code ctx}'s auto-commit writes on connections
   * already given back ({@link #deferPosition()}), on any primary connection: the insert position
   * only grows, so read after those commits it covers them. One query, not counted as a route.
   */
  private void settleOwed(SessionContext ctx) throws SQLException {
    Binding b = acquirePrimary();
    try {
      ctx.primaryPositionTaken(WalPositions.current(b.physical()));
    } catch (SQLException e) {
      onError(b, e);
      throw e;
    } finally {
      release(b);
    }
  }

  /**
   * Whether the position owed by auto-commit writes is taken only when a read needs it, rather than
   * when their connection is given back: on PostgreSQL in {@code lsn} mode, where any primary
   * connection can read it later. GTID engines' positions belong to the writer's session.
   */
  public boolean defersPositions() {
    return tracksPositions && lsnPositions;
  }

  /**
   * A connection whose auto-commit writes committed is given back without taking their position
   * ({@link #defersPositions()}): the calling thread's context owes it until a read needs it or the
   * token is exported. Outside a scope the context ends with that connection, and nothing is read.
   */
  public void deferPosition() {
    context().owePrimaryPosition(ticker.nanoTime());
  }

  /**
   * Takes the position owed by the calling thread's given-back writes, if any, so that {@link
   * SessionContext#tokenLsn()} covers them (a token about to be exported). On failure the token
   * stays without them, logged once, as when a commit's position cannot be read.
   */
  public void settleOwed() {
    SessionContext ctx = context();
    if (!ctx.owesPrimaryPosition()) {
      return;
    }
    try {
      settleOwed(ctx);
    } catch (SQLException e) {
      if (lsnFailureLogged.compareAndSet(false, true)) {
        log.warn(
            "'{}': could not read the WAL position owed by auto-commit writes; the token does not"
                + " cover them ({})",
            config.name(),
            SqlStates.shortMessage(e));
      }
    }
  }

  private Binding bindPrimary(RouteReason reason) throws SQLException {
    Binding b = acquirePrimary(reason);
    recorder.routed(reason);
    return b;
  }

  private Binding acquirePrimary() throws SQLException {
    return acquirePrimary(RouteReason.READ_YOUR_WRITES);
  }

  private Binding acquirePrimary(RouteReason reason) throws SQLException {
    long start = ticker.nanoTime();
    TopologySnapshot snap = monitor.snapshot();
    Host target = snap.primary();
    for (int switches = 0; switches <= hosts.size(); switches++) {
      if (target == null) {
        // A write that finds no primary asks for a round now: during a failover the promoted
        // replica leaves recovery a moment after the failure's own re-check found none, and
        // waiting for the next interval would add up to a whole interval to the outage. Only
        // failing writes ask (coalesced, at most one round per 50 ms): none in steady state.
        monitor.requestRecheck();
        throw noPrimary(monitor.snapshot());
      }
      Host wanted = target;
      Connection c;
      try {
        c = PoolAcquirer.acquire(wanted, writeWatch);
      } catch (SQLException e) {
        if (dialect.isConnectionFailure(e)) {
          monitor.requestRecheck();
        }
        throw e;
      }
      if (c != null) {
        return new Binding(wanted, c, reason, null, start);
      }
      // The primary moved (promotion) or vanished while we waited for its pool.
      target = monitor.snapshot().primary();
    }
    monitor.requestRecheck();
    throw noPrimary(monitor.snapshot());
  }

  private SQLTransientConnectionException noPrimary(TopologySnapshot snap) {
    String why =
        snap.conflict().isEmpty()
            ? "writes fail until a host is reachable and not in recovery: "
            : snap.conflict() + ": ";
    return new SQLTransientConnectionException(
        "no primary for '"
            + config.name()
            + "' (topology="
            + config.topology().propertyName()
            + "): "
            + why
            + snap.describe(snap.states()),
        "08001");
  }

  /** Gives {@code b}'s physical connection back to its pool and completes its pick. */
  public void release(Binding b) {
    b.host().giveBack(b.physical());
    Pick pick = b.pick();
    if (pick != null) {
      pick.complete(
          b.failed() ? Outcome.FAILURE : Outcome.SUCCESS, ticker.nanoTime() - b.startNanos());
    }
  }

  /**
   * Reacts to a failure on {@code b}: a connection failure marks it failed (the load balancer hears
   * of it when it is released) and asks for a re-check, and on a replica retires the pool's other
   * connections, which the same restart has most likely killed; a read-only error from the supposed
   * primary asks for a re-check (it may have been demoted).
   */
  public void onError(Binding b, SQLException e) {
    if (dialect.isConnectionFailure(e)) {
      b.markFailed();
      if (!b.onPrimary()) {
        b.host().softEvict();
      }
      monitor.requestRecheck();
    } else if (b.onPrimary() && dialect.isReadOnlyViolation(e)) {
      monitor.requestRecheck();
    }
  }

  /** Notes that a read that failed on {@code failed} with {@code e} runs again on {@code fresh}. */
  void retried(Binding failed, Binding fresh, SQLException e) {
    log.debug(
        "'{}': a read failed on replica {} ({}); running it again on {}",
        config.name(),
        failed.host().name(),
        SqlStates.shortMessage(e),
        fresh);
  }

  /** Records that the current context wrote (window mode). */
  public void recordWrite() {
    if (config.readYourWrites() == ReadYourWrites.WINDOW) {
      context().recordWrite(ticker.nanoTime());
    }
  }

  /**
   * After a write committed on {@code physical} (a primary connection): in {@code lsn} mode, reads
   * the primary's WAL position into the current context's token; in {@code window} mode, restarts
   * the window. One query per commit that wrote, and only in {@code lsn} mode.
   */
  public void recordCommit(Connection physical) {
    recordWrite();
    if (!tracksPositions) {
      return;
    }
    try {
      if (lsnPositions) {
        context().advanceToken(WalPositions.current(physical), ticker.nanoTime());
      } else {
        context()
            .advancePosition(
                dialect.parsePosition(dialect.commitPosition(physical)), ticker.nanoTime());
      }
    } catch (SQLException | IllegalArgumentException e) {
      if (lsnFailureLogged.compareAndSet(false, true)) {
        log.warn(
            "'{}': could not read the {} position after a commit; read-your-writes={} cannot"
                + " protect reads after such writes ({})",
            config.name(),
            dialect.name(),
            config.readYourWrites().propertyName(),
            SqlStates.shortMessage(e));
      }
    }
  }

  /** Stops the monitor and the load balancer. Pools are closed by their owner. Idempotent. */
  @Override
  public void close() {
    balancer.close();
    monitor.close();
  }
}
