package dev.ballast.jdbc.internal;

/**
 * A probe that gave no result: {@code definitive} when the host answered with an error (refused,
 * reset, authentication…), not when it merely did not answer in time.
 *
 * @param message the reason shown for the host, e.g. {@code unreachable: Connection to h:5432
 *     refused}
 * @param definitive whether the host certainly failed
 */
record ProbeFailure(String message, boolean definitive) {}
