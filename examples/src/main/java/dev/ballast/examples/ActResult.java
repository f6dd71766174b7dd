package dev.ballast.examples;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one act of the demo measured, on the caller's side. Immutable; maps iterate in a stable
 * order (instances and zones as declared, database nodes primary first).
 *
 * @param number the act number, 1 to {@value DemoOptions#ACT_COUNT}
 * @param title the act's one-line title
 * @param duration how long the act's traffic ran
 * @param calls HTTP calls completed (with a response or a failure)
 * @param failures HTTP calls that got no 2xx response: no response at all, or a 5xx after retries
 * @param retries extra attempts the client made (sum of {@code attempts - 1})
 * @param p99Millis 99th percentile of HTTP call latency in milliseconds, retries included; 0
 *     without calls
 * @param localShare share of calls served in the local zone, 0..1 (0 without calls)
 * @param lowestLocalShare the lowest local share over any one-second window of the act, 0..1
 * @param zoneShares share of calls served per zone, 0..1
 * @param instanceShares share of calls served per instance id, 0..1
 * @param database what the database act measured; empty for HTTP acts
 */
public record ActResult(
    int number,
    String title,
    Duration duration,
    long calls,
    long failures,
    long retries,
    double p99Millis,
    double localShare,
    double lowestLocalShare,
    Map<String, Double> zoneShares,
    Map<String, Double> instanceShares,
    Optional<DatabaseResult> database) {

  /** Copies the maps, keeping their order, so that the record stays immutable. */
  public ActResult {
    zoneShares = Collections.unmodifiableMap(new LinkedHashMap<>(zoneShares));
    instanceShares = Collections.unmodifiableMap(new LinkedHashMap<>(instanceShares));
  }

  /** The share of calls served outside the local zone, 0..1. */
  public double remoteShare() {
    double sum = 0;
    for (double share : zoneShares.values()) {
      sum += share;
    }
    return Math.max(0, sum - localShare);
  }
}
