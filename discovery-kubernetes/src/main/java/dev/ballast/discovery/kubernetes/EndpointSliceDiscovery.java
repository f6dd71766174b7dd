package dev.ballast.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.Discovery;
import dev.ballast.lb.DiscoveryListener;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The running part of {@code discovery=kubernetes}: each start creates its own API client and watch
 * loop, both released by the returned handle.
 */
final class EndpointSliceDiscovery implements Discovery {
  private final KubernetesTarget target;

  EndpointSliceDiscovery(KubernetesTarget target) {
    this.target = requireNonNull(target, "target");
  }

  KubernetesTarget target() {
    return target;
  }

  @Override
  public AutoCloseable start(DiscoveryListener listener) {
    ApiClient api = new ApiClient(target);
    SliceWatch watch;
    try {
      watch =
          new SliceWatch(
              target,
              api.client(),
              listener,
              new Backoff(
                  target.reconnectDelay(),
                  target.maxReconnectDelay(),
                  () -> ThreadLocalRandom.current().nextDouble()));
      watch.start();
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    SliceWatch started = watch;
    return () -> {
      try {
        started.close();
      } finally {
        api.close();
      }
    };
  }
}
