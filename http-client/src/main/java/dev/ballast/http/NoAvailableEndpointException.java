package dev.ballast.http;

import org.jspecify.annotations.Nullable;

/**
 * No attempt could be made: the load balancer had no endpoint to offer (the service has none, or
 * every endpoint is excluded). The message carries the balancer's reason and its per-endpoint state
 * summary.
 */
public class NoAvailableEndpointException extends BallastHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception for {@code service} with a complete message.
   *
   * @param service the logical service called; never null
   * @param message the full explanation; never null
   * @param cause an underlying failure, if any
   */
  public NoAvailableEndpointException(String service, String message, @Nullable Throwable cause) {
    super(service, message, cause);
  }
}
