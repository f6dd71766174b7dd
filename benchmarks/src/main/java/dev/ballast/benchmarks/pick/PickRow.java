package dev.ballast.benchmarks.pick;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One measured picker at one thread count, and how a JMH result becomes one: the picker's name as
 * the tables print it, whether it reports feedback on its pick path, its score, error and bytes per
 * operation.
 */
record PickRow(
    String picker,
    String feedback,
    boolean zoneAware,
    int threads,
    double nsPerOp,
    double error,
    double bytesPerOp) {

  /** The row of JMH result {@code r}, measured with {@code threads} threads. */
  static PickRow of(RunResult r, int threads) {
    String benchmark = r.getParams().getBenchmark();
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    String clazz = benchmark.substring(0, benchmark.lastIndexOf('.'));
    clazz = clazz.substring(clazz.lastIndexOf('.') + 1);
    Result<?> primary = r.getPrimaryResult();
    Map<String, Result> secondary = r.getSecondaryResults();
    double bytes = value(secondary.get("gc.alloc.rate.norm"));
    switch (clazz) {
      case "BallastPickBenchmark":
        {
          String strategy = r.getParams().getParam("strategy");
          boolean zoned = "zone-aware".equals(r.getParams().getParam("zones"));
          boolean seeded = "seeded".equals(r.getParams().getParam("random"));
          String name =
              "Ballast "
                  + strategy
                  + (zoned ? ", zone-aware" : ", plain")
                  + (seeded ? ", seeded random" : "");
          return new PickRow(
              name,
              "pick + complete",
              zoned,
              threads,
              primary.getScore(),
              primary.getScoreError(),
              bytes);
        }
      case "PickBreakdownBenchmark":
        return new PickRow(
            method, "", true, threads, primary.getScore(), primary.getScoreError(), bytes);
      case "ChurnBenchmark":
        {
          Result<?> pick = secondary.get("pick");
          double score = pick != null ? pick.getScore() : Double.NaN;
          double error = pick != null ? pick.getScoreError() : Double.NaN;
          return new PickRow(
              "Ballast "
                  + r.getParams().getParam("strategy")
                  + ", zone-aware, under churn (1 updater + 1 picker)",
              "pick + complete",
              true,
              1,
              score,
              error,
              Double.NaN);
        }
      default:
        {
          String name = peerName(clazz, method);
          boolean zoned = name.contains("zone");
          return new PickRow(
              name,
              "pick only",
              zoned,
              threads,
              primary.getScore(),
              primary.getScoreError(),
              bytes);
        }
    }
  }

  private static String peerName(String clazz, String method) {
    switch (clazz + "." + method) {
      case "SpringPickBenchmark.roundRobin":
        return "Spring Cloud LB RoundRobin";
      case "SpringPickBenchmark.zonePreferenceRoundRobin":
        return PickCostSuite.SPRING_ZONE;
      case "RibbonPickBenchmark.roundRobin":
        return "Ribbon RoundRobinRule";
      case "RibbonPickBenchmark.zoneAwareZoneAvoidance":
        return "Ribbon ZoneAwareLoadBalancer + ZoneAvoidanceRule (zone-aware)";
      case "GrpcPickBenchmark.roundRobin":
        return "gRPC round_robin picker";
      case "ArmeriaPickBenchmark.weightedRoundRobin":
        return "Armeria weighted round robin";
      default:
        return clazz + "." + method;
    }
  }

  private static double value(@Nullable Result<?> result) {
    return result == null ? Double.NaN : result.getScore();
  }
}
