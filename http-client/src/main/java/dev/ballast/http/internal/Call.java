package dev.ballast.http.internal;

import dev.ballast.http.BallastHttpException;
import dev.ballast.http.NoAvailableEndpointException;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.lb.Durations;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.Pick;
import dev.ballast.lb.PickContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One call: picks an endpoint, runs attempts, retries on another endpoint when that is safe and
 * within budget, optionally hedges, and hands its end to its {@link CallSink} once.
 *
 * <p><b>Retries</b> follow {@link RetryRules}, wait a full-jitter exponential backoff and draw on
 * the service's retry budget; the attempts so far are kept in {@link CallAttempts}.
 *
 * <p><b>Threading.</b> State is guarded by {@code this}; attempts report from their event loops.
 * Decisions are taken under the lock, effects (starting or cancelling attempts, handing the end to
 * the sink) happen after it is released, so user callbacks never run under the lock.
 */
// Netty's close() and schedule() futures are fire-and-forget here: failures surface through
// the channel's close listener or the attempt's own timeout, never through these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class Call implements Attempt.Owner {
  private final ServiceRuntime svc;
  private final ServiceRequest request;
  private final CallSink sink;
  private final long startNanos;
  private final long deadlineNanos;
  private final @Nullable Duration callTimeout;
  private final PickContext baseContext;

  // Guarded by this.
  private final CallAttempts attempts = new CallAttempts();
  private @Nullable RawResponse lastResponse;
  private @Nullable Attempt lastResponseAttempt;
  private @Nullable AttemptFailure lastFailure;
  private @Nullable Object result; // ServiceResponse or RuntimeException
  private @Nullable Attempt resultAttempt;
  private boolean delivered;
  private boolean
      aborted; // cancelled by the caller or ended by close(): says nothing of the service

  // Written once by deliver() before the sink publishes the end; read by account() after it.
  private long endNanos;
  private int endZone;
  private @Nullable FailureKind endFailure;
  private boolean endAborted;

  Call(ServiceRuntime svc, ServiceRequest request, CallSink sink) {
    this.svc = svc;
    this.request = request;
    this.sink = sink;
    this.startNanos = svc.ticker().nanoTime();
    Optional<Duration> own = request.timeout();
    this.callTimeout = own.isPresent() ? own.get() : svc.callTimeout();
    this.deadlineNanos = callTimeout == null ? Long.MAX_VALUE : startNanos + callTimeout.toNanos();
    Optional<String> key = request.affinityKey();
    this.baseContext = key.isPresent() ? PickContext.withAffinity(key.get()) : PickContext.DEFAULT;
  }

  String serviceName() {
    return svc.name();
  }

  /** {@code METHOD path on service 'name'}, for messages. */
  String describe() {
    return request.method() + " " + request.path() + " on service '" + svc.name() + "'";
  }

  /** Starts the first attempt. */
  void start() {
    svc.retryBudget().deposit();
    if (svc.hedging() && request.isIdempotent()) {
      svc.hedgeBudget().deposit();
    }
    Attempt first;
    synchronized (this) {
      if (result != null) {
        return; // close() ended it before it started: nothing may be sent
      }
      first = nextAttempt(false);
    }
    launch(first);
    deliver();
  }

  /**
   * Ends the call because the client closed before it finished: the message says so, why ({@code
   * why}, e.g. the drain timeout elapsed), and what every attempt had achieved.
   */
  void abortOnClose(String why) {
    synchronized (this) {
      if (result != null) {
        return;
      }
      List<String> lines = attempts.linesWithUnsettled("no response yet");
      settleOthers(null);
      aborted = true;
      AttemptFailure f = lastFailure;
      result =
          new BallastHttpException(
              svc.name(),
              FailureMessages.closedBeforeResponse(request, svc.name(), lines, why),
              f == null ? null : f.cause());
    }
    deliver();
  }

  /** Ends the call with {@code error} unless it already ended (client closed, caller cancelled). */
  void abort(RuntimeException error) {
    synchronized (this) {
      if (result != null) {
        return;
      }
      settleOthers(null);
      aborted = true;
      result = error;
    }
    deliver();
  }

  @Override
  public void onAttemptDone(
      Attempt a, @Nullable RawResponse response, @Nullable AttemptFailure failure) {
    Attempt next = null;
    synchronized (this) {
      if (!attempts.settle(a, response, failure, svc.ticker())) {
        return;
      }
      if (result != null) {
        return;
      }
      if (response != null) {
        if (request.isIdempotent() && RetryRules.isRetryableStatus(response.status())) {
          lastResponse = response;
          lastResponseAttempt = a;
          attempts.addFailureLine(FailureMessages.attemptLine(a, "HTTP " + response.status()));
          next = retryOrFinish();
        } else {
          finishWith(response, a);
        }
      } else {
        AttemptFailure f =
            failure != null ? failure : new AttemptFailure(FailureKind.RESET, "failed", null);
        lastFailure = f;
        attempts.addFailureLine(FailureMessages.attemptLine(a, f.detail()));
        next =
            RetryRules.mayRetry(f.kind(), request.isIdempotent())
                ? retryOrFinish()
                : stopUnlessInFlight(RetryRules.notRetryableReason(f.kind(), request.method()));
      }
    }
    launch(next);
    deliver();
  }

  private @Nullable Attempt stopUnlessInFlight(String reason) {
    if (attempts.inFlight() == 0) {
      finish(reason);
    }
    return null;
  }

  /** Locked: decides whether to retry; returns an attempt to launch now, if any. */
  private @Nullable Attempt retryOrFinish() {
    if (attempts.inFlight() > 0) {
      return null; // a hedge is still running: its result decides
    }
    int max = svc.config().retryMaxAttempts();
    if (attempts.size() >= max) {
      return finish("stopped: retry.max-attempts (" + max + ") reached");
    }
    long now = svc.ticker().nanoTime();
    if (now >= deadlineNanos) {
      return finish("stopped: " + callTimeoutText() + " elapsed");
    }
    if (!mayRetryTriedEndpoint() && attempts.triedEveryEndpoint(svc)) {
      // No retry could be picked: spend no budget on it and count none.
      return finish("stopped: no other endpoint to try (every endpoint already tried)");
    }
    if (!svc.retryBudget().tryWithdraw()) {
      svc.meters().retryDenied();
      return finish(
          "stopped: retry budget exhausted (retry.budget-percent "
              + svc.config().retryBudgetPercent()
              + ")");
    }
    svc.meters().retry();
    long delay = svc.backoff().delayNanos(attempts.size());
    delay = Math.min(delay, deadlineNanos - now);
    if (delay <= 0) {
      return nextAttempt(false);
    }
    try {
      svc.timerLoop().schedule(this::retryNow, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return finish("stopped: client closed");
    }
    return null;
  }

  private void retryNow() {
    Attempt next;
    synchronized (this) {
      if (result != null) {
        return;
      }
      next = nextAttempt(false);
    }
    launch(next);
    deliver();
  }

  private void hedgeNow() {
    Attempt next;
    synchronized (this) {
      if (result != null
          || attempts.inFlight() != 1
          || attempts.size() >= svc.config().retryMaxAttempts()) {
        return;
      }
      if (!svc.hedgeBudget().tryWithdraw()) {
        svc.meters().hedgeDenied();
        return;
      }
      next = nextAttempt(true);
      if (next != null) {
        svc.meters().hedge();
      }
    }
    launch(next);
    deliver();
  }

  /** Locked: picks and creates the next attempt, or finishes the call when none is possible. */
  private @Nullable Attempt nextAttempt(boolean hedge) {
    if (!attempts.isEmpty() && svc.ticker().nanoTime() >= deadlineNanos) {
      return hedge ? null : finish("stopped: " + callTimeoutText() + " elapsed");
    }
    PickContext context = attempts.isEmpty() ? baseContext : attempts.triedContext(baseContext);
    Pick pick = svc.loadBalancer().pick(context);
    if (!pick.isPresent() && !attempts.isEmpty() && !hedge && mayRetryTriedEndpoint()) {
      pick = svc.loadBalancer().pick(baseContext);
    }
    if (!pick.isPresent()) {
      if (hedge) {
        return null;
      }
      if (attempts.isEmpty()) {
        result =
            new NoAvailableEndpointException(
                svc.name(),
                FailureMessages.noEndpoint(
                    request, svc.name(), pick.reason(), svc.loadBalancer().describe(context)),
                null);
        return null;
      }
      return finish("stopped: no other endpoint to try (" + pick.reason() + ")");
    }
    Endpoint e = pick.endpoint();
    long now = svc.ticker().nanoTime();
    long timeout = svc.requestTimeoutNanos();
    String label = svc.requestTimeoutText();
    if (deadlineNanos - now < timeout) {
      timeout = Math.max(1, deadlineNanos - now);
      label = "timed out: " + callTimeoutText() + " reached";
    }
    Attempt a =
        new Attempt(
            this, svc.pool(e), e, pick, request, timeout, label, now, attempts.size() + 1, hedge);
    attempts.add(a);
    if (attempts.size() == 1 && svc.hedging() && request.isIdempotent()) {
      Duration d = svc.config().hedgeDelay().orElseThrow();
      try {
        svc.timerLoop().schedule(this::hedgeNow, d.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException ex) {
        // Closing: no hedge.
      }
    }
    return a;
  }

  private boolean mayRetryTriedEndpoint() {
    AttemptFailure f = lastFailure;
    return RetryRules.mayRetryTriedEndpoint(lastResponse != null, f == null ? null : f.kind());
  }

  /** Locked: ends with the last response if there is one, else with an exception. */
  private @Nullable Attempt finish(String stopReason) {
    RawResponse r = lastResponse;
    Attempt ra = lastResponseAttempt;
    if (r != null && ra != null) {
      finishWith(r, ra);
      return null;
    }
    AttemptFailure f = lastFailure;
    settleOthers(null);
    result =
        new BallastHttpException(
            svc.name(),
            FailureMessages.noResponse(
                request,
                svc.name(),
                attempts.size(),
                attempts.failureLines(),
                stopReason,
                svc.loadBalancer().describe(attempts.triedContext(baseContext))),
            f == null ? null : f.cause());
    return null;
  }

  private void finishWith(RawResponse r, Attempt a) {
    settleOthers(a);
    resultAttempt = a;
    result = new ServiceResponse(r.status(), r.headers(), r.body(), a.endpoint(), attempts.size());
  }

  /** Locked: settles every attempt still running but {@code winner} and queues its cancel. */
  private void settleOthers(@Nullable Attempt winner) {
    attempts.settleOthers(winner, svc.ticker());
  }

  private String callTimeoutText() {
    Duration d = callTimeout;
    if (d == null) {
      return "call-timeout";
    }
    // The service's own setting is formatted once; only a per-request override is formatted here.
    return d == svc.callTimeout() ? svc.callTimeoutText() : "call-timeout " + Durations.format(d);
  }

  private static void launch(@Nullable Attempt a) {
    if (a != null) {
      a.start();
    }
  }

  /** Outside the lock: cancels losers and completes the future, once. */
  private void deliver() {
    Object r;
    List<Attempt> cancel;
    Attempt answered;
    Attempt last;
    @Nullable FailureKind failure;
    boolean wasAborted;
    synchronized (this) {
      cancel = attempts.takeToCancel();
      AttemptFailure f = lastFailure;
      failure = f == null ? null : f.kind();
      wasAborted = aborted;
      if (result == null || delivered) {
        r = null;
        answered = null;
        last = null;
      } else {
        delivered = true;
        r = result;
        answered = resultAttempt;
        last = attempts.last();
      }
    }
    for (int i = 0, n = cancel.size(); i < n; i++) {
      cancel.get(i).cancel();
    }
    if (r == null) {
      return;
    }
    endNanos = svc.ticker().nanoTime() - startNanos;
    Attempt zoned = r instanceof ServiceResponse ? answered : last;
    endZone = zoneTag(zoned == null ? null : zoned.pick());
    endFailure = failure;
    endAborted = wasAborted;
    sink.onEnd(this, r);
  }

  /**
   * Accounts for the call's end {@code r} (a {@code ServiceResponse} or a {@code
   * RuntimeException}): frees its place in the isolation, records its meter and leaves the client's
   * set of calls in flight. Once, after {@link CallSink#onEnd} and before the caller sees {@code
   * r}; on the loop for a future, on the woken caller for {@code send}.
   */
  void account(Object r) {
    int status = r instanceof ServiceResponse resp ? resp.statusCode() : 0;
    ServiceIsolation isolation = svc.isolation();
    if (isolation.isActive()) {
      // Before the caller sees the end: a caller that sends again at once finds its place free.
      isolation.exit(ServiceIsolation.verdict(status, endFailure, endAborted), endNanos);
    }
    svc.meters().recordCall(request.method(), status, endZone, endNanos);
    svc.onCallEnded(this);
  }

  private static int zoneTag(@Nullable Pick p) {
    if (p == null) {
      return ClientMetrics.ServiceMeters.NONE;
    }
    return p.isLocal() ? ClientMetrics.ServiceMeters.LOCAL : ClientMetrics.ServiceMeters.REMOTE;
  }
}
