package dev.ballast.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.Discovery;
import dev.ballast.lb.DiscoveryListener;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The running part of {@code discovery=kubernetes}: each start creates its own API client and watch
 * loop, both released by the returned handle, and waits up to two seconds for the first list, so
 * that a client built now can call at once.
 */
final class EndpointSliceDiscovery implements Discovery {
  private static final Duration FIRST_ANSWER_WAIT = Duration.ofSeconds(2);

  private final KubernetesTarget target;

  EndpointSliceDiscovery(KubernetesTarget target) {
    this.target = requireNonNull(target, "target");
  }

  KubernetesTarget target() {
    return target;
  }

  @Override
  public AutoCloseable start(DiscoveryListener listener) throws InterruptedException {
    ApiClient api = new ApiClient(target);
    SliceWatch watch =
        new SliceWatch(
            target,
            api.client(),
            listener,
            new Backoff(
                target.reconnectDelay(),
                target.maxReconnectDelay(),
                () -> ThreadLocalRandom.current().nextDouble()));
    AutoCloseable handle =
        () -> {
          try {
            watch.close();
          } finally {
            api.close();
          }
        };
    try {
      watch.start();
      // A client built now should be able to call at once: the first list usually takes
      // milliseconds. An API server that does not answer delays start-up by this much at most.
      watch.awaitFirstAnswer(FIRST_ANSWER_WAIT);
    } catch (RuntimeException | InterruptedException e) {
      try {
        handle.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return handle;
  }
}
