package dev.ballast.http.internal;

/**
 * Where a {@link Call} hands its end: the caller's future ({@link CallFuture}, {@code sendAsync})
 * or the thread blocked in {@code send} ({@link BlockingReply}). Two kinds, because a blocked
 * thread can do the call's accounting itself once it wakes, while a future must have it done before
 * it completes.
 */
interface CallSink {
  /** Binds the call whose end this sink receives; called once, before the call starts. */
  void attach(Call call);

  /**
   * The call ended with {@code result}, a {@code ServiceResponse} or a {@code RuntimeException}.
   * Called once, on whichever thread ended the call (usually an event loop). The sink must have
   * {@link Call#account} run exactly once before its caller can see the result.
   */
  void onEnd(Call call, Object result);
}
