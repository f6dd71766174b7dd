package dev.ballast.http.internal;

import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The end of a call made by a thread blocked in {@code send}: no future, no completion stack, no
 * executor. The event loop that ends the call publishes the result and unparks the caller only if
 * it really parked; the woken caller does the call's accounting (isolation, meters, the client's
 * set of calls in flight) itself, off the loop, before it returns.
 *
 * <p>Why not {@code CompletableFuture.get()}: with one caller thread per call, the future's
 * signaller node, completion stack and stage machinery buy nothing, and every bit of accounting
 * left on the loop delays the other callers whose responses the same loop reads (issue 12 §11).
 *
 * <p>No spin before parking: a response takes tens of microseconds to come back, far longer than a
 * spin worth its CPU, and on two cores a spinning caller takes the core the loop and the server
 * need (on the shared 2-core machine a 5 µs spin measured slower than none, issue 12 §11).
 *
 * <p><b>Threading.</b> {@link #await} is called by the thread that created the reply, once; {@link
 * #onEnd} by any thread, once. The result is published through one volatile write; the loop reads
 * {@code parked} after writing it and the caller writes {@code parked} before re-reading it (a
 * Dekker pair), so the caller is either unparked or sees the result without parking.
 */
final class BlockingReply implements CallSink {
  private final Thread caller = Thread.currentThread();
  private @Nullable Call call;
  private volatile @Nullable Object result;
  private volatile boolean parked;

  @Override
  public void attach(Call c) {
    call = c;
  }

  /** The call this reply belongs to; set by {@link #attach} before the call starts. */
  Call call() {
    Call c = call;
    if (c == null) {
      throw new IllegalStateException("BlockingReply: no call attached");
    }
    return c;
  }

  @Override
  public void onEnd(Call c, Object r) {
    result = r;
    if (parked) {
      LockSupport.unpark(caller);
    }
  }

  /**
   * Waits for the call's end and accounts for it; returns a {@code ServiceResponse} or a {@code
   * RuntimeException}. The caller thread only.
   *
   * @throws InterruptedException if the caller is interrupted before the call ends; the call is
   *     then still running, and the caller must abort it and {@link #awaitUninterruptibly}
   */
  Object await() throws InterruptedException {
    Object r = result;
    if (r == null) {
      parked = true;
      while ((r = result) == null) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        LockSupport.park(this);
      }
    }
    call().account(r);
    return r;
  }

  /**
   * Waits for the call's end, which must be imminent (the call was aborted), and accounts for it.
   * Keeps the caller's interrupt status.
   */
  Object awaitUninterruptibly() {
    boolean interrupted = false;
    Object r;
    parked = true;
    while ((r = result) == null) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    call().account(r);
    return r;
  }
}
