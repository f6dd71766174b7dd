package dev.ballast.spring.boot.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.ConsistencyToken;
import dev.ballast.jdbc.RoutingDataSource;

/**
 * The read-your-writes position of one reactive request: where its reads must start ({@link
 * #start()}, from the request's header) and the latest position it has reached, raised as the
 * request's blocking work returns ({@link ConsistencyAccessor}). It travels in the Reactor {@code
 * Context}, not in a thread-local, because one request runs on several threads. Thread-safe.
 */
public final class RequestConsistency {
  private final RoutingDataSource router;
  private final ConsistencyToken start;
  private volatile ConsistencyToken latest;

  /** A request of {@code router}'s database that must read at least {@code start}. */
  public RequestConsistency(RoutingDataSource router, ConsistencyToken start) {
    this.router = requireNonNull(router, "router");
    this.start = requireNonNull(start, "start");
    this.latest = start;
  }

  /** The router whose position this is. */
  public RoutingDataSource router() {
    return router;
  }

  /** The position the request came with (or the lowest one). */
  public ConsistencyToken start() {
    return start;
  }

  /** The highest position seen so far: the start, or the request's last write. */
  public ConsistencyToken latest() {
    return latest;
  }

  /** Raises {@link #latest()} to {@code token} if it is higher. */
  public synchronized void advance(ConsistencyToken token) {
    latest = latest.max(token);
  }

  /**
   * {@link #latest()} including writes made on the calling thread in a scope of this request that
   * is still open (the response may be committed from inside the blocking work's own signal).
   */
  public ConsistencyToken settle() {
    ConsistencyAccessor.collect(this);
    return latest();
  }
}
