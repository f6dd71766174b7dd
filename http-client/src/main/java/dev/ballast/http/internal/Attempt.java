package dev.ballast.http.internal;

import dev.ballast.http.ServiceRequest;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.Pick;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One exchange with one endpoint: acquire a pooled connection, write the request, wait for the
 * response or a failure, bounded by one deadline. Reports exactly one result to its {@link Owner}
 * unless cancelled first.
 *
 * <p><b>Threading.</b> After {@link #start()} every step runs on the pool's event loop; {@link
 * #cancel()} may be called from any thread and hops there. The {@code settled} flag belongs to the
 * owner and is guarded by the owner's lock.
 */
// Netty's close() and schedule() futures are fire-and-forget here: failures surface through
// the channel's close listener or the attempt's own timeout, never through these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class Attempt implements PoolWaiter, Runnable, ChannelFutureListener {
  /** Receives the result of an attempt; called on the attempt's event loop. */
  interface Owner {
    void onAttemptDone(Attempt attempt, @Nullable RawResponse response, @Nullable AttemptFailure f);
  }

  private enum State {
    NEW,
    ACQUIRING,
    EXCHANGING,
    DONE
  }

  private final Owner owner;
  private final @Nullable EndpointPool pool;
  private final Endpoint endpoint;
  private final @Nullable Pick pick;
  private final ServiceRequest request;
  private final long timeoutNanos;
  private final String timeoutText;
  private final long startNanos;
  private final int number;
  private final boolean hedge;

  /** {@link #sentNanos}' value while the request has not been handed to a connection. */
  static final long NOT_SENT = Long.MIN_VALUE;

  private State state = State.NEW;

  /**
   * When the request was handed to a connection (ticker nanos), or {@link #NOT_SENT}. Written once
   * on the loop, read by the owner (possibly on another thread, to settle a losing hedge).
   */
  private volatile long sentNanos = NOT_SENT;

  /**
   * Loop only: true while {@link EndpointPool#acquire} runs, so a connection it hands at once (an
   * idle one: no wait) is recognised without reading the clock.
   */
  private boolean acquiringSynchronously;

  private @Nullable PooledConnection connection;
  private @Nullable ScheduledFuture<?> timer;
  private boolean reused;

  /** Owner-guarded: whether the owner has accounted for this attempt's end. */
  boolean settled;

  Attempt(
      Owner owner,
      @Nullable EndpointPool pool,
      Endpoint endpoint,
      @Nullable Pick pick,
      ServiceRequest request,
      long timeoutNanos,
      String timeoutText,
      long startNanos,
      int number,
      boolean hedge) {
    this.owner = owner;
    this.pool = pool;
    this.endpoint = endpoint;
    this.pick = pick;
    this.request = request;
    this.timeoutNanos = timeoutNanos;
    this.timeoutText = timeoutText;
    this.startNanos = startNanos;
    this.number = number;
    this.hedge = hedge;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /** The pick to complete; null for health checks. */
  @Nullable Pick pick() {
    return pick;
  }

  long startNanos() {
    return startNanos;
  }

  /**
   * When the request went to a connection, or {@link #NOT_SENT}: latency fed back to the load
   * balancer runs from here, so time spent queued for this client's own pool is not read as the
   * endpoint's latency.
   */
  long sentNanos() {
    return sentNanos;
  }

  int number() {
    return number;
  }

  boolean isHedge() {
    return hedge;
  }

  /** Starts the attempt on its pool's loop. Any thread. */
  void start() {
    EndpointPool p = pool;
    if (p == null) {
      owner.onAttemptDone(
          this,
          null,
          new AttemptFailure(FailureKind.ENDPOINT_REMOVED, "endpoint left the service", null));
      return;
    }
    if (p.loop().inEventLoop()) {
      run();
      return;
    }
    try {
      p.loop().execute(this);
    } catch (RejectedExecutionException e) {
      owner.onAttemptDone(
          this, null, new AttemptFailure(FailureKind.CANCELLED, "client closed", e));
    }
  }

  /** Loop only: the first step, via {@link #start()}. */
  @Override
  public void run() {
    EndpointPool p = pool;
    if (state != State.NEW || p == null) {
      return; // cancelled before it began
    }
    state = State.ACQUIRING;
    timer = p.loop().schedule(this::onTimeout, timeoutNanos, TimeUnit.NANOSECONDS);
    acquiringSynchronously = true;
    try {
      p.acquire(this);
    } finally {
      acquiringSynchronously = false;
    }
  }

  @Override
  public boolean idempotent() {
    return request.isIdempotent();
  }

  @Override
  public boolean isWaiting() {
    return state == State.ACQUIRING;
  }

  @Override
  public void onChannel(PooledConnection c, boolean reusedConnection) {
    EndpointPool p = pool;
    if (state != State.ACQUIRING || p == null) {
      if (p != null) {
        p.release(c, true);
      }
      return;
    }
    state = State.EXCHANGING;
    // An idle connection handed over at once: no wait to leave out, no clock read.
    sentNanos = acquiringSynchronously ? startNanos : p.ticker().nanoTime();
    connection = c;
    reused = reusedConnection;
    c.handler.begin(this);
    // Already on the channel's loop: the write goes straight to the socket, no task hop.
    c.channel.writeAndFlush(WireRequest.of(request, p.hostHeader())).addListener(this);
  }

  /** The write's outcome; this attempt is its own listener so that an exchange allocates none. */
  @Override
  public void operationComplete(ChannelFuture f) {
    if (!f.isSuccess()) {
      onChannelFailure(
          new AttemptFailure(
              FailureKind.RESET, "write failed: " + f.cause().getMessage(), f.cause()));
    }
  }

  @Override
  public void onAcquireFailure(AttemptFailure failure) {
    if (state != State.ACQUIRING) {
      return;
    }
    finish(null, failure);
  }

  /** The handler's response. Loop only. */
  void onResponse(RawResponse response, boolean keepAlive) {
    PooledConnection c = connection;
    EndpointPool p = pool;
    if (state != State.EXCHANGING || c == null || p == null) {
      return;
    }
    state = State.DONE;
    cancelTimer();
    p.release(c, keepAlive);
    owner.onAttemptDone(this, response, null);
  }

  /** The handler's failure (or a failed write). Loop only. */
  void onChannelFailure(AttemptFailure failure) {
    PooledConnection c = connection;
    if (state != State.EXCHANGING || c == null) {
      return;
    }
    ResponseHandler h = c.handler;
    AttemptFailure f = failure;
    if (failure.kind() == FailureKind.RESET && reused && !h.bytesSinceBegin()) {
      f =
          new AttemptFailure(
              FailureKind.STALE_CONNECTION,
              "reused connection closed before any response byte",
              failure.cause());
      EndpointPool p = pool;
      if (p != null) {
        p.retireIdleSince(c.idleSinceNanos);
      }
    }
    h.clear(this);
    c.channel.close();
    finish(null, f);
  }

  private void onTimeout() {
    if (state == State.ACQUIRING) {
      EndpointPool p = pool;
      boolean queued = p != null && p.cancel(this);
      finish(
          null,
          queued
              ? new AttemptFailure(
                  FailureKind.POOL_WAIT_TIMEOUT, timeoutText + " waiting for a connection", null)
              : new AttemptFailure(
                  FailureKind.CONNECT_TIMEOUT, timeoutText + " while connecting", null));
    } else if (state == State.EXCHANGING) {
      PooledConnection c = connection;
      if (c != null) {
        c.handler.clear(this);
        c.channel.close(); // the late response must not reach the connection's next user
      }
      finish(null, new AttemptFailure(FailureKind.TIMEOUT, timeoutText, null));
    }
  }

  private void finish(@Nullable RawResponse response, AttemptFailure failure) {
    state = State.DONE;
    cancelTimer();
    owner.onAttemptDone(this, response, failure);
  }

  private void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
      timer = null;
    }
  }

  /**
   * Abandons the attempt: stops waiting for a connection, or closes the one in use. Reports nothing
   * to the owner (the owner asked). Any thread; idempotent.
   */
  void cancel() {
    EndpointPool p = pool;
    if (p == null) {
      return;
    }
    if (!p.loop().inEventLoop()) {
      try {
        p.loop().execute(this::cancel);
      } catch (RejectedExecutionException e) {
        // The loop is gone and with it every connection.
      }
      return;
    }
    switch (state) {
      case NEW -> state = State.DONE;
      case ACQUIRING -> {
        state = State.DONE;
        cancelTimer();
        p.cancel(this);
      }
      case EXCHANGING -> {
        state = State.DONE;
        cancelTimer();
        PooledConnection c = connection;
        if (c != null) {
          c.handler.clear(this);
          c.channel.close();
        }
      }
      case DONE -> {}
    }
  }
}
