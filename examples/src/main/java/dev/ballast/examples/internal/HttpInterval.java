package dev.ballast.examples.internal;

import org.HdrHistogram.Histogram;

/**
 * What {@link HttpStats} recorded between two drains. The arrays are indexed by instance and owned
 * by this object; treat them as read-only.
 *
 * @param nanos the interval's length
 * @param served calls answered per instance
 * @param errors 5xx answers per instance
 * @param calls calls completed
 * @param failures calls without a 2xx-4xx answer (no response, or 5xx)
 * @param retries extra attempts
 * @param latency per-instance latency in microseconds
 * @param allLatency latency of every call in microseconds
 */
public record HttpInterval(
    long nanos,
    long[] served,
    long[] errors,
    long calls,
    long failures,
    long retries,
    Histogram[] latency,
    Histogram allLatency) {}
