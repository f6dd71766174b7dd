package dev.ballast.spring.boot.internal;

import static java.util.Objects.requireNonNull;

import dev.ballast.http.BallastHttpClient;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the context's {@link BallastHttpClient} while the context stops, between the web server's
 * graceful wait for requests in flight and the web server's stop.
 *
 * <p>Why that slot: stop phases run from the highest down. Boot's graceful shutdown (phase {@code
 * DEFAULT_PHASE - 1024}) stops accepting requests and waits, up to {@code
 * spring.lifecycle.timeout-per-shutdown-phase}, for those in flight; Boot then stops the web server
 * (phase {@code DEFAULT_PHASE - 2048}), which interrupts the threads still serving requests and
 * closes their connections. Closing the client here, in between, lets downstream calls of requests
 * still being served (and of background work) finish within {@code
 * ballast.http.shutdown-drain-timeout} while their responses can still be written. Closing it
 * later, with the bean's destruction, came after the web server's stop: the requests whose calls
 * were still waiting were interrupted and their callers got broken connections. Closing it earlier,
 * before the graceful wait, would reject the calls that requests in flight have not made yet.
 *
 * <p>Not pauseable: a test framework pausing a cached context must not close a client it will use
 * again. A closed client cannot be reopened: starting the context again after an explicit stop
 * leaves it closed.
 */
public final class HttpClientShutdown implements SmartLifecycle {
  /**
   * Between graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the web server's stop (- 2048).
   */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

  private final BallastHttpClient client;
  private volatile boolean running;

  /** Closes {@code client} when the context stops. */
  public HttpClientShutdown(BallastHttpClient client) {
    this.client = requireNonNull(client, "client");
  }

  @Override
  public void start() {
    running = true;
  }

  /** Rejects new calls, drains those in flight within the drain timeout, then releases threads. */
  @Override
  public void stop() {
    running = false;
    client.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  @Override
  public boolean isPauseable() {
    return false;
  }
}
