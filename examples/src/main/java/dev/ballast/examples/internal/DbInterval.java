package dev.ballast.examples.internal;

import org.HdrHistogram.Histogram;

/**
 * What {@link DbStats} recorded between two drains; arrays indexed like {@link DbStats#nodes()},
 * owned by this object and read-only.
 *
 * @param nanos the interval's length
 * @param reads reads per node
 * @param writes writes per node
 * @param checks read-your-writes checks
 * @param stale of which stale
 * @param readFailures failed reads
 * @param writeFailures failed writes
 * @param latency operation latency in microseconds
 */
public record DbInterval(
    long nanos,
    long[] reads,
    long[] writes,
    long checks,
    long stale,
    long readFailures,
    long writeFailures,
    Histogram latency) {}
