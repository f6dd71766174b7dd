package dev.ballast.http.internal;

import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;
import dev.ballast.lb.PickContext;
import dev.ballast.lb.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The attempts of one {@link Call}: in start order, how many are still in flight, what each one
 * taught the load balancer when it settled, the message line of each that failed, and the losers
 * queued for cancelling once the call's lock is released.
 *
 * <p>Not thread-safe: every method runs under the owning call's lock.
 */
final class CallAttempts {
  // Its own array rather than a list: a call then costs the two allocations the list did.
  private Attempt[] attempts = new Attempt[2];
  private int size;
  // Created on the first failure or the first loser: a call answered at once allocates neither.
  private @Nullable List<String> failureLines;
  private @Nullable List<Attempt> toCancel;
  private int inFlight;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** How many attempts have started and not settled. */
  int inFlight() {
    return inFlight;
  }

  /** The attempt started last; null before the first. */
  @Nullable Attempt last() {
    return size == 0 ? null : attempts[size - 1];
  }

  /** Records {@code a} as started and in flight. */
  void add(Attempt a) {
    if (size == attempts.length) {
      attempts = Arrays.copyOf(attempts, size * 2);
    }
    attempts[size++] = a;
    inFlight++;
  }

  /**
   * Settles {@code a}, which ended with {@code response} or else {@code failure}, and completes its
   * pick with what that says of its endpoint; false when it was settled already (its report is then
   * ignored).
   */
  boolean settle(
      Attempt a, @Nullable RawResponse response, @Nullable AttemptFailure failure, Ticker ticker) {
    if (a.settled) {
      return false;
    }
    a.settled = true;
    inFlight--;
    Pick pick = a.pick();
    if (pick != null) {
      Outcome outcome;
      if (response != null) {
        outcome = response.status() >= 500 ? Outcome.FAILURE : Outcome.SUCCESS;
      } else {
        outcome = failure == null ? Outcome.FAILURE : failure.kind().outcome;
      }
      // From the send, not the call's start: a wait for this client's own pool is no latency of
      // the endpoint's (a connect failure has no send and counts from the start).
      long sent = a.sentNanos();
      pick.complete(
          outcome, ticker.nanoTime() - (sent == Attempt.NOT_SENT ? a.startNanos() : sent));
    }
    return true;
  }

  /**
   * {@code base} excluding every endpoint tried so far. Built only when a second pick or a failure
   * message needs it, so that a call answered at once never copies an exclusion set.
   */
  PickContext triedContext(PickContext base) {
    PickContext c = base;
    for (int i = 0; i < size; i++) {
      c = c.exclude(attempts[i].endpoint());
    }
    return c;
  }

  /** The attempt lines so far; empty until the first failure. */
  List<String> failureLines() {
    List<String> l = failureLines;
    return l == null ? List.of() : l;
  }

  void addFailureLine(String line) {
    List<String> l = failureLines;
    if (l == null) {
      l = new ArrayList<>(2);
      failureLines = l;
    }
    l.add(line);
  }

  /** The failure lines so far, then a line saying {@code detail} for each attempt still running. */
  List<String> linesWithUnsettled(String detail) {
    List<String> lines = new ArrayList<>(failureLines());
    for (int i = 0; i < size; i++) {
      Attempt a = attempts[i];
      if (!a.settled) {
        lines.add(FailureMessages.attemptLine(a, detail));
      }
    }
    return lines;
  }

  /** Whether the attempts so far reached every endpoint {@code svc} has now. */
  boolean triedEveryEndpoint(ServiceRuntime svc) {
    int total = svc.endpointCount();
    if (size < total) {
      return false;
    }
    Set<String> tried = new HashSet<>();
    for (int i = 0; i < size; i++) {
      Attempt a = attempts[i];
      // An endpoint that left the service (discovery drained it) is no longer one of `total`:
      // counting it stopped the retry of a call queued for it although others were untried.
      if (svc.hasEndpoint(a.endpoint().id())) {
        tried.add(a.endpoint().id());
      }
    }
    return tried.size() >= total;
  }

  /**
   * Completes the picks of attempts still running but {@code winner} as CANCELLED — with the time
   * since they were sent, a lower bound on their endpoint's latency that peak-EWMA takes into
   * account, or as NOT_SENT when they were still waiting for a connection — and queues their
   * cancel.
   */
  void settleOthers(@Nullable Attempt winner, Ticker ticker) {
    long now = 0;
    // Indexed loops on the success path: an iterator is an allocation per call.
    for (int i = 0; i < size; i++) {
      Attempt o = attempts[i];
      if (o != winner && !o.settled) {
        o.settled = true;
        inFlight--;
        Pick p = o.pick();
        if (p != null) {
          if (now == 0) {
            now = ticker.nanoTime();
          }
          long sent = o.sentNanos();
          if (sent == Attempt.NOT_SENT) {
            // Still queued for a connection: the endpoint never saw it and nothing is learned.
            p.complete(Outcome.NOT_SENT, 0);
          } else {
            p.complete(Outcome.CANCELLED, Math.max(0, now - sent));
          }
        }
        List<Attempt> l = toCancel;
        if (l == null) {
          l = new ArrayList<>(2);
          toCancel = l;
        }
        l.add(o);
      }
    }
  }

  /** Takes the attempts queued for cancelling; to be cancelled outside the lock. */
  List<Attempt> takeToCancel() {
    List<Attempt> queued = toCancel;
    if (queued == null || queued.isEmpty()) {
      return List.of();
    }
    List<Attempt> cancel = List.copyOf(queued);
    queued.clear();
    return cancel;
  }
}
