package dev.ballast.http.internal.dns;

import org.jspecify.annotations.Nullable;

/**
 * Why a resolution gave no usable answer, with whether the answer itself says the name has no
 * records ({@link Kind#NO_SUCH_NAME}, {@link Kind#NO_RECORDS}) or nothing could be learnt ({@link
 * Kind#UNANSWERED}). Stackless: an expected outcome, reported as a message.
 */
final class DnsProblem extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure. */
  enum Kind {
    /** NXDOMAIN: the name does not exist (a typo, or an engine's way to say no instance). */
    NO_SUCH_NAME,
    /** NOERROR without records of the type, from an answer not trusted to say "zero". */
    NO_RECORDS,
    /** No answer (timeout, I/O error) or one that says the server failed (SERVFAIL, REFUSED …). */
    UNANSWERED
  }

  private final Kind kind;

  DnsProblem(Kind kind, String message, @Nullable Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
