package dev.ballast.http.internal;

import org.jspecify.annotations.Nullable;

/**
 * How one attempt failed.
 *
 * @param kind the classification used for retries and feedback
 * @param detail a short human explanation for the failure message
 * @param cause the underlying exception, if any
 */
record AttemptFailure(FailureKind kind, String detail, @Nullable Throwable cause) {}
