package dev.ballast.examples.internal;

/**
 * One sample of the whole run for the charts, taken at every tick: shares over the last second.
 * Arrays are owned by the point and read-only; HTTP arrays are empty in the database act and the
 * other way round.
 *
 * @param seconds seconds since the first act started
 * @param act the act playing
 * @param instanceShares share of calls per instance, 0..1, stage order
 * @param localShare share of calls in the local zone, 0..1
 * @param p99Millis p99 latency of the last second's calls; NaN without calls
 * @param readShares share of reads per database node, 0..1
 * @param writeShares share of writes per database node, 0..1
 * @param lagMillis replication lag per database node as the router measures it; NaN when not a
 *     replica or unknown
 * @param routeShares share of routing decisions per reason (write, read, fallback,
 *     read-your-writes), 0..1
 */
public record TimelinePoint(
    double seconds,
    int act,
    double[] instanceShares,
    double localShare,
    double p99Millis,
    double[] readShares,
    double[] writeShares,
    double[] lagMillis,
    double[] routeShares) {}
