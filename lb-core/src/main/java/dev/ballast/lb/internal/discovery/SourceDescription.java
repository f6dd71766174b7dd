package dev.ballast.lb.internal.discovery;

import dev.ballast.lb.DiscoveredEndpointSource;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one-line summary of a discovered source that failure messages carry, e.g. {@code discovery
 * 'zookeeper': up to date, 0 endpoints (1 draining), last set 1.2s ago}: a reader of a "no
 * endpoint" error must see whether the registry was stale, failing or really empty. Stateless.
 */
public final class SourceDescription {
  private SourceDescription() {}

  /**
   * The summary of source {@code name}.
   *
   * @param health where the source stands
   * @param lastProblem the last error reported, shown only while {@code health} is failing
   * @param report the last report (its serving and draining counts are shown)
   * @param secondsSinceLastSet the age of the last good set, or null when none was received
   */
  public static String of(
      String name,
      DiscoveredEndpointSource.Health health,
      String lastProblem,
      ReportedEndpoints report,
      @Nullable Double secondsSinceLastSet) {
    StringBuilder sb = new StringBuilder("discovery '").append(name).append("': ");
    sb.append(health.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    if (health == DiscoveredEndpointSource.Health.FAILING) {
      sb.append(" (").append(lastProblem).append(')');
    }
    sb.append(", ").append(report.serving().size()).append(" endpoints");
    if (report.draining() > 0) {
      sb.append(" (").append(report.draining()).append(" draining)");
    }
    if (secondsSinceLastSet != null) {
      sb.append(", last set ")
          .append(String.format(Locale.ROOT, "%.1fs", secondsSinceLastSet))
          .append(" ago");
    } else {
      sb.append(", no set received yet");
    }
    return sb.toString();
  }
}
