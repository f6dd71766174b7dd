package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Dialects;
import dev.ballast.jdbc.internal.dialect.Position;
import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.lb.Ticker;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides where each logical connection goes and hands out physical connections: writes to the
 * primary; reads to an eligible replica chosen by the load balancer (zone first, least-request by
 * default), honouring read-your-writes, else the primary or a failure as {@code fallback} says.
 *
 * <p>The decisions are its collaborators': {@link ReplicaRoute} (reads), {@link PrimaryRoute}
 * (writes, and reads that must or may go to the primary) and {@link ReadYourWritesPositions} (what
 * a write leaves for later reads of its context). This class starts them and is their front door.
 *
 * <p>Everything engine-specific (probe, commit position, waiting for a position on a replica, what
 * an error means) goes through the {@link Dialect} chosen once, from the primary's URL. PostgreSQL
 * positions are {@code long} LSNs end to end; GTID engines' positions are {@link Position}s.
 *
 * <p>Thread-safe. The per-context read-your-writes state is thread-confined ({@link #context()}).
 */
public final class Router implements AutoCloseable {
  private final RouterConfig config;
  private final Dialect dialect;
  private final List<Host> hosts;
  private final Map<String, Host> byName = new LinkedHashMap<>();
  private final TopologyMonitor monitor;
  private final LoadBalancer balancer;
  private final SessionContexts contexts = new SessionContexts();
  private final PrimaryRoute primary;
  private final ReadYourWritesPositions positions;
  private final ReplicaRoute reads;
  private final BindingFeedback feedback;

  private Router(
      RouterConfig config,
      Dialect dialect,
      List<Host> hosts,
      Ticker ticker,
      SharedHosts.@Nullable Lease lease) {
    this.config = config;
    this.dialect = dialect;
    this.hosts = List.copyOf(hosts);
    for (Host h : this.hosts) {
      byName.put(h.name(), h);
    }
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
    this.feedback = new BindingFeedback(config.name(), dialect, monitor, ticker);
    this.primary = new PrimaryRoute(config, dialect, monitor, ticker, this.hosts.size());
    this.positions = new ReadYourWritesPositions(this, primary, ticker);
    this.reads =
        new ReplicaRoute(
            config, dialect, this.hosts, byName, monitor, balancer, ticker, primary, positions);
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
    primary.setRecorder(value);
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
    return positions.tracks();
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
    return contexts.current();
  }

  /**
   * Raises the calling thread's token to at least {@code lsn} until the returned action runs, which
   * restores the thread's context as it was.
   */
  public Runnable enterScope(long lsn) {
    return contexts.enterScope(lsn);
  }

  /**
   * As {@link #enterScope(long)} for a GTID engine's position; null raises nothing (the scope only
   * restores the context when it ends).
   */
  public Runnable enterScope(@Nullable Position position) {
    return contexts.enterScope(position);
  }

  /**
   * Called when a logical connection that wrote in {@code wroteIn} (the writing thread's context)
   * closes: on that thread and outside any scope, the implicit per-thread mode ends with it.
   */
  void writerClosed(SessionContext wroteIn) {
    contexts.writerClosed(wroteIn);
  }

  /**
   * A physical connection on the primary for read-write work.
   *
   * @throws SQLTransientConnectionException when there is no primary (auto topology), naming every
   *     host and its last known state
   * @throws SQLException the pool's failure
   */
  public Binding bindWrite() throws SQLException {
    return primary.bind(RouteReason.WRITE);
  }

  /**
   * A physical connection for read-only work: an eligible replica that satisfies read-your-writes,
   * else the primary (or a failure with {@code fallback=fail}).
   */
  public Binding bindRead() throws SQLException {
    return bindRead(null);
  }

  /**
   * As {@link #bindRead()}, avoiding {@code avoid} (a replica a read has just failed on), if not
   * null; how read-your-writes tokens are honoured is {@link ReplicaRoute#bind}'s.
   */
  public Binding bindRead(@Nullable Host avoid) throws SQLException {
    return reads.bind(context(), avoid);
  }

  /**
   * Whether auto-commit writes' position is taken only when a read needs it (see {@link
   * ReadYourWritesPositions#defers()}).
   */
  public boolean defersPositions() {
    return positions.defers();
  }

  /**
   * The calling thread's context owes the position of writes just given back (see {@link
   * ReadYourWritesPositions#defer()}).
   */
  public void deferPosition() {
    positions.defer();
  }

  /**
   * Takes the position owed by the calling thread's given-back writes, if any, so that {@link
   * SessionContext#tokenLsn()} covers them (a token about to be exported). On failure the token
   * stays without them, logged once, as when a commit's position cannot be read.
   */
  public void settleOwed() {
    positions.settleOwed();
  }

  /** Gives {@code b}'s physical connection back to its pool and completes its pick. */
  public void release(Binding b) {
    feedback.release(b);
  }

  /**
   * Reacts to a failure on {@code b}: a connection failure marks it failed (the load balancer hears
   * of it when it is released) and asks for a re-check, and on a replica retires the pool's other
   * connections, which the same restart has most likely killed; a read-only error from the supposed
   * primary asks for a re-check (it may have been demoted).
   */
  public void onError(Binding b, SQLException e) {
    feedback.onError(b, e);
  }

  /** Notes that a read that failed on {@code failed} with {@code e} runs again on {@code fresh}. */
  void retried(Binding failed, Binding fresh, SQLException e) {
    feedback.retried(failed, fresh, e);
  }

  /** Records that the current context wrote (window mode). */
  public void recordWrite() {
    positions.recordWrite();
  }

  /**
   * After a write committed on {@code physical} (a primary connection): in {@code lsn} mode, reads
   * the primary's WAL position into the current context's token; in {@code window} mode, restarts
   * the window. One query per commit that wrote, and only in {@code lsn} mode.
   */
  public void recordCommit(Connection physical) {
    positions.recordCommit(physical);
  }

  /** Stops the monitor and the load balancer. Pools are closed by their owner. Idempotent. */
  @Override
  public void close() {
    balancer.close();
    monitor.close();
  }
}
