package dev.ballast.examples;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the database act measured. Immutable.
 *
 * @param readsByNode successful reads per node name ({@code primary}, {@code r1}, {@code r2}),
 *     identified by the server port that answered each query
 * @param writesByNode successful writes per node name
 * @param readYourWritesChecks reads that looked for the reading thread's own preceding write
 * @param staleReads those of them that did not see it (read-your-writes broken); 0 is expected
 * @param readFailures reads that failed with an exception
 * @param writeFailures writes that failed with an exception (expected only while the primary is
 *     down and before the promoted replica takes over)
 * @param newPrimary the node promoted when the primary died; empty when that step did not run
 * @param writesOnNewPrimary successful writes that the promoted node answered
 * @param failoverTime from the primary's death to the first write that the promoted node answered;
 *     empty when no write reached it
 */
public record DatabaseResult(
    Map<String, Long> readsByNode,
    Map<String, Long> writesByNode,
    long readYourWritesChecks,
    long staleReads,
    long readFailures,
    long writeFailures,
    Optional<String> newPrimary,
    long writesOnNewPrimary,
    Optional<Duration> failoverTime) {

  /** Copies the maps, keeping their order, so that the record stays immutable. */
  public DatabaseResult {
    readsByNode = Collections.unmodifiableMap(new LinkedHashMap<>(readsByNode));
    writesByNode = Collections.unmodifiableMap(new LinkedHashMap<>(writesByNode));
  }
}
