package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import java.nio.file.Path;

/**
 * How fast Ballast reacts to faults: the timed acceptance figures of the HTTP client and the JDBC
 * router, measured here rather than asserted in tests (the tests assert the outcomes and only bound
 * the times loosely).
 *
 * <p>HTTP, against testkit instances on loopback: zone a's health checks fail and recover (six
 * instances, two per zone, {@code ballast.zone=a}, checks every 200 ms, thresholds 2/2); one of
 * four instances hangs under a 300 ms request timeout; every instance is down. JDBC, against a real
 * PostgreSQL primary and two streaming replicas (r1 in the local zone a, r2 in b): r1 stops; r1's
 * replay is paused under continuous writes with {@code max-replica-lag=1s}.
 *
 * <p>Every wait is bounded; a reaction that never comes is reported as NaN and a missed goal.
 */
public final class FaultReactionSuite {
  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public FaultReactionSuite(RunSettings settings) {
    this.settings = settings;
  }

  /** Runs both parts and writes {@code fault-reaction-http.*} and {@code -jdbc.*}. */
  public SectionResult run(Path out) {
    SectionResult section = new SectionResult("fault-reaction");
    int rounds = settings.isFull() ? 5 : 1;
    new HttpFaultReactions(settings).run(section, out, rounds);
    JdbcFaultReactions.run(section, out, rounds);
    return section;
  }
}
