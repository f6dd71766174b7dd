package dev.ballast.http.internal;

import dev.ballast.http.BallastHttpException;
import dev.ballast.http.ServiceResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The future {@code sendAsync} returns: completed with the call's end on the loop that ends it,
 * after the call is accounted for; cancelling it abandons the call. A subclass rather than a {@code
 * whenComplete} stage, so that a call costs no extra future, lambda and completion node.
 */
final class CallFuture extends CompletableFuture<ServiceResponse> implements CallSink {
  private volatile @Nullable Call call;

  @Override
  public void attach(Call c) {
    call = c;
  }

  @Override
  public void onEnd(Call c, Object result) {
    // Accounted before completing: dependent stages run inside complete() and may send again.
    c.account(result);
    if (result instanceof ServiceResponse r) {
      complete(r);
    } else {
      completeExceptionally((RuntimeException) result);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      abandon();
    }
    return cancelled;
  }

  // Cancelling by hand (completeExceptionally with a CancellationException) abandons it too.
  @Override
  public boolean completeExceptionally(Throwable ex) {
    boolean done = super.completeExceptionally(ex);
    if (done && ex instanceof CancellationException) {
      abandon();
    }
    return done;
  }

  private void abandon() {
    Call c = call;
    if (c != null) {
      c.abort(
          new BallastHttpException(
              c.serviceName(), c.describe() + ": cancelled by the caller", null));
    }
  }
}
