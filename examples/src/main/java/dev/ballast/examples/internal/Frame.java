package dev.ballast.examples.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the view shows at one tick of an act: the last second's traffic per instance or database
 * node, the act's totals so far and its recent events. Immutable.
 *
 * @param act the act number
 * @param title the act's title
 * @param elapsedSeconds time since the act started
 * @param durationSeconds the act's length
 * @param localZone the caller's zone
 * @param instances one row per HTTP instance; empty in the database act
 * @param zoneShares the last second's share per zone
 * @param rate the last second's calls (or database operations) per second
 * @param calls the act's calls (or database operations) so far
 * @param failures the act's failed calls (or operations) so far
 * @param retries the act's retries so far
 * @param p99Millis the act's p99 latency so far; NaN before any call
 * @param nodes one row per database node; empty in HTTP acts
 * @param db the database act's counters; null in HTTP acts
 * @param events the act's events so far, oldest first
 */
public record Frame(
    int act,
    String title,
    double elapsedSeconds,
    double durationSeconds,
    String localZone,
    List<InstanceRow> instances,
    Map<String, Double> zoneShares,
    double rate,
    long calls,
    long failures,
    long retries,
    double p99Millis,
    List<NodeRow> nodes,
    @Nullable DbLine db,
    List<Event> events) {

  /**
   * One HTTP instance.
   *
   * @param id instance id
   * @param zone its zone
   * @param local whether it is in the caller's zone
   * @param state as the load balancer sees it: healthy, unhealthy, ejected, or a slow-start ramp
   * @param fault the fault the act injected, empty when none
   * @param share the last second's share of calls
   * @param rate the last second's calls per second
   * @param errors 5xx answers in the act so far
   * @param p99Millis the last second's p99 latency; NaN without calls
   */
  public record InstanceRow(
      String id,
      String zone,
      boolean local,
      String state,
      String fault,
      double share,
      double rate,
      long errors,
      double p99Millis) {}

  /**
   * One database node.
   *
   * @param name node name
   * @param zone its zone
   * @param role primary, replica or down, as the router sees it
   * @param fault the fault the act injected, empty when none
   * @param readShare the last second's share of reads
   * @param writeShare the last second's share of writes
   * @param lagSeconds replication lag as the router measures it; NaN when not a replica
   */
  public record NodeRow(
      String name,
      String zone,
      String role,
      String fault,
      double readShare,
      double writeShare,
      double lagSeconds) {}

  /**
   * The database act's counters so far.
   *
   * @param reads successful reads
   * @param writes successful writes
   * @param checks read-your-writes checks
   * @param stale stale reads among them
   * @param readFailures failed reads
   * @param writeFailures failed writes
   * @param newPrimary the promoted node, null before a promotion
   * @param writesOnNewPrimary writes it answered
   * @param failoverSeconds primary death to first write on the promoted node; NaN until then
   */
  public record DbLine(
      long reads,
      long writes,
      long checks,
      long stale,
      long readFailures,
      long writeFailures,
      @Nullable String newPrimary,
      long writesOnNewPrimary,
      double failoverSeconds) {}
}
