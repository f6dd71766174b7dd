package dev.ballast.http.internal.dns;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.DiscoveryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a discovery pushed, in order: each set as {@code [ip:port/zone/weight, …]}, each error as
 * {@code error: <problem>}.
 */
final class RecordingListener implements DiscoveryListener {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<List<DiscoveredEndpoint>> sets = new CopyOnWriteArrayList<>();

  @Override
  public void onEndpoints(List<DiscoveredEndpoint> endpoints) {
    sets.add(endpoints);
    events.add(
        endpoints.stream()
            .map(
                d ->
                    d.endpoint().id()
                        + "/"
                        + d.endpoint().zone()
                        + "/"
                        + d.endpoint().weight()
                        + (d.draining() ? "/draining" : ""))
            .sorted()
            .collect(Collectors.joining(", ", "[", "]")));
  }

  @Override
  public void onError(String problem, @Nullable Throwable cause) {
    events.add("error: " + problem);
  }

  String last() {
    return events.get(events.size() - 1);
  }
}
