package dev.ballast.lb;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link Discovery} pushes what it learns. Implementations are thread-safe: a discovery may
 * call from any thread (a watch callback, a timer), but must not call concurrently with itself if
 * it wants its sets applied in the order it produced them.
 */
public interface DiscoveryListener {
  /**
   * The complete current set of the service's endpoints, draining ones included. An empty list
   * means the service has no instance now (scaled to zero) and is honoured as such; a source that
   * cannot tell must call {@link #onError} instead.
   *
   * @param endpoints every endpoint the registry lists now (a full state, not a change)
   * @throws IllegalArgumentException if two endpoints share an id (nothing is applied)
   */
  void onEndpoints(List<DiscoveredEndpoint> endpoints);

  /**
   * The source could not learn the current set (server down, watch broken, a bad answer). The last
   * good set stays in use. {@code problem} says what failed, for logs and failure messages.
   *
   * @param problem what went wrong, as a line for the log
   * @param cause the underlying failure, or null
   */
  void onError(String problem, @Nullable Throwable cause);
}
