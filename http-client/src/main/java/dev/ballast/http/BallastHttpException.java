package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A call obtained no response at all: every attempt failed to connect, was reset or timed out, the
 * client was closed, or the call was not retried because retrying was unsafe or over budget.
 *
 * <p>The message names the request, the service, every attempt with the endpoint it went to and why
 * it failed, why the client stopped, and the load balancer's view of every endpoint. An HTTP
 * response with an error status is never thrown: it is returned as a {@link ServiceResponse}.
 */
public class BallastHttpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The logical service that was called. */
  private final String service;

  /**
   * An exception for {@code service} with a complete message.
   *
   * @param service the logical service called; never null
   * @param message the full explanation; never null
   * @param cause the last underlying failure, if any
   */
  public BallastHttpException(String service, String message, @Nullable Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.service = requireNonNull(service, "service");
  }

  /** {@return the logical service that was called; never null} */
  public String service() {
    return service;
  }
}
