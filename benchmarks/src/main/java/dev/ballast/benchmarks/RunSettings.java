package dev.ballast.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How long and how often every benchmark runs. Three presets: {@link #full()} for the published
 * figures, {@link #quick()} for a smoke run in seconds, and {@link #inProcess()} for the CI test
 * (quick, but JMH runs in the test's own JVM and iterations are shorter still).
 *
 * @param name preset name, printed in reports
 * @param forks JMH forks; 0 runs benchmarks in this JVM
 * @param warmupIterations JMH warm-up iterations per benchmark
 * @param warmupTime length of one warm-up iteration
 * @param measurementIterations JMH measured iterations per benchmark
 * @param measurementTime length of one measured iteration
 * @param threadCounts thread counts at which the pick benchmarks run
 * @param scenarioWarmup warm-up of each load scenario (not recorded)
 * @param scenarioDuration recorded length of each load scenario
 * @param requestRate open-loop request rate of the tail-latency scenarios, per second
 * @param jdbcCycles read or write cycles per client in the JDBC overhead scenario
 */
public record RunSettings(
    String name,
    int forks,
    int warmupIterations,
    Duration warmupTime,
    int measurementIterations,
    Duration measurementTime,
    List<Integer> threadCounts,
    Duration scenarioWarmup,
    Duration scenarioDuration,
    int requestRate,
    int jdbcCycles) {

  /** Published figures: about 15 minutes in all on 2 cores. */
  public static RunSettings full() {
    return new RunSettings(
        "full",
        1,
        3,
        Duration.ofSeconds(1),
        5,
        Duration.ofSeconds(1),
        List.of(1, 2),
        Duration.ofSeconds(3),
        Duration.ofSeconds(20),
        800,
        20_000);
  }

  /** Smoke run: every benchmark once, briefly, in seconds per benchmark. */
  public static RunSettings quick() {
    return new RunSettings(
        "quick",
        1,
        1,
        Duration.ofMillis(200),
        1,
        Duration.ofMillis(200),
        List.of(1, 2),
        Duration.ofMillis(300),
        Duration.ofSeconds(2),
        500,
        1_000);
  }

  /** The CI smoke test: quick, in this JVM, shorter still; figures are meaningless. */
  public static RunSettings inProcess() {
    return new RunSettings(
        "in-process",
        0,
        0,
        Duration.ofMillis(50),
        1,
        Duration.ofMillis(50),
        List.of(1),
        Duration.ofMillis(100),
        Duration.ofMillis(300),
        400,
        200);
  }

  /** Whether this is the full preset. */
  public boolean isFull() {
    return name.equals("full");
  }
}
