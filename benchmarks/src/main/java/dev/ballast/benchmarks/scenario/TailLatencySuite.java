package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.RunSettings;
import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Charts;
import dev.ballast.benchmarks.report.Goal;
import dev.ballast.benchmarks.report.Table;
import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.Strategy;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;

/**
 * Tail latency when one of 10 local instances is degraded: 10× slower, or failing half its calls
 * fast with 503. Every choice rule drives the same transport — {@link BallastHttpClient} — at the
 * same open-loop rate: Ballast's round-robin, least-request, peak-EWMA, peak-EWMA with hedging, and
 * Spring Cloud LoadBalancer's {@code RoundRobinLoadBalancer} choosing the instance that Ballast's
 * client then calls (one single-endpoint Ballast service per instance, so only the choice differs).
 * Retries are off for every rule (one attempt per call) so the figures measure the choice alone;
 * the hedging rule is allowed one hedge (two attempts).
 */
public final class TailLatencySuite {
  static final int INSTANCES = 10;
  static final Duration BASE_LATENCY = Duration.ofMillis(10);
  static final Duration HEDGE_DELAY = Duration.ofMillis(25);
  static final String BAD = "i1";
  static final List<String> RULES =
      List.of(
          "round-robin",
          "least-request",
          "peak-ewma",
          "peak-ewma + hedging",
          "Spring Cloud LB RoundRobin");
  static final List<String> PERCENTILE_LABELS =
      List.of("p50", "p75", "p90", "p95", "p99", "p99.5", "p99.9", "max");
  static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 100};

  private final RunSettings settings;

  /** A suite run with {@code settings}. */
  public TailLatencySuite(RunSettings settings) {
    this.settings = settings;
  }

  /** One rule's result in one scenario. */
  record Run(String scenario, String rule, OpenLoopDriver.Outcome outcome, double badShare) {}

  /** Runs all scenarios and writes {@code tail-latency.*} into {@code out}. */
  public SectionResult run(Path out) {
    List<Run> runs = new ArrayList<>();
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().name("tail").instances(INSTANCES).ioThreads(1).build()) {
      for (String scenario :
          List.of("all healthy", "one 10× slower", "one failing 50 % fast (503)")) {
        for (String rule : RULES) {
          if (scenario.equals("all healthy")
              && !(rule.equals("round-robin") || rule.equals("peak-ewma"))) {
            continue;
          }
          setFaults(farm, scenario);
          runs.add(runOne(farm, scenario, rule));
        }
      }
    }
    return report(runs, out);
  }

  private static void setFaults(HttpInstanceFarm farm, String scenario) {
    for (HttpInstance i : farm.instances()) {
      i.clearFaults();
      i.latency(BASE_LATENCY);
    }
    HttpInstance bad = farm.instance(BAD);
    if (scenario.startsWith("one 10×")) {
      bad.latency(BASE_LATENCY.multipliedBy(10));
    } else if (scenario.startsWith("one failing")) {
      bad.latency(Duration.ZERO).respondWith(503, 0.5);
    }
  }

  private Run runOne(HttpInstanceFarm farm, String scenario, String rule) {
    try (BallastHttpClient client = client(farm, rule)) {
      Supplier<CompletionStage<Integer>> request = request(client, farm, rule);
      OpenLoopDriver.run(request, settings.requestRate(), settings.scenarioWarmup());
      farm.resetCounters();
      OpenLoopDriver.Outcome outcome =
          OpenLoopDriver.run(request, settings.requestRate(), settings.scenarioDuration());
      long total = farm.totalRequests();
      double share = total == 0 ? Double.NaN : farm.instance(BAD).requestCount() / (double) total;
      return new Run(scenario, rule, outcome, share);
    }
  }

  private static List<Endpoint> endpoints(HttpInstanceFarm farm) {
    List<Endpoint> list = new ArrayList<>();
    for (HttpInstance i : farm.instances()) {
      list.add(Endpoint.builder(i.host(), i.port()).id(i.id()).build());
    }
    return list;
  }

  private static HttpServiceConfig config(Strategy strategy, boolean hedge) {
    HttpServiceConfig.Builder b =
        HttpServiceConfig.builder()
            .lb(LbConfig.builder().strategy(strategy).build())
            .requestTimeout(Duration.ofSeconds(5))
            .maxConnectionsPerEndpoint(64)
            .retryMaxAttempts(hedge ? 2 : 1);
    if (hedge) {
      b.hedgeDelay(HEDGE_DELAY);
    }
    return b.build();
  }

  static BallastHttpClient client(HttpInstanceFarm farm, String rule) {
    BallastHttpClient.Builder b = BallastHttpClient.builder().eventLoopThreads(1);
    switch (rule) {
      case "round-robin":
        return b.service("svc", endpoints(farm), config(Strategy.ROUND_ROBIN, false)).build();
      case "least-request":
        return b.service("svc", endpoints(farm), config(Strategy.LEAST_REQUEST, false)).build();
      case "peak-ewma":
        return b.service("svc", endpoints(farm), config(Strategy.PEAK_EWMA, false)).build();
      case "peak-ewma + hedging":
        return b.service("svc", endpoints(farm), config(Strategy.PEAK_EWMA, true)).build();
      default:
        // Spring chooses; Ballast only sends: one single-endpoint service per instance.
        for (Endpoint e : endpoints(farm)) {
          b.service(e.id(), List.of(e), config(Strategy.ROUND_ROBIN, false));
        }
        return b.build();
    }
  }

  static Supplier<CompletionStage<Integer>> request(
      BallastHttpClient client, HttpInstanceFarm farm, String rule) {
    if (!rule.startsWith("Spring")) {
      ServiceRequest get = ServiceRequest.get("svc", "/work").build();
      return () -> client.sendAsync(get).thenApply(ServiceResponse::statusCode);
    }
    List<ServiceInstance> instances = new ArrayList<>();
    for (HttpInstance i : farm.instances()) {
      instances.add(new DefaultServiceInstance(i.id(), "svc", i.host(), i.port(), false));
    }
    RoundRobinLoadBalancer spring = SpringChoice.roundRobin("svc", instances, 7);
    Map<String, ServiceRequest> perInstance = new LinkedHashMap<>();
    for (HttpInstance i : farm.instances()) {
      perInstance.put(i.id(), ServiceRequest.get(i.id(), "/work").build());
    }
    return () -> {
      Response<ServiceInstance> chosen = spring.choose().block();
      if (chosen == null || !chosen.hasServer()) {
        return CompletableFuture.failedFuture(new IllegalStateException("Spring chose nothing"));
      }
      ServiceRequest r = perInstance.get(chosen.getServer().getInstanceId());
      if (r == null) {
        return CompletableFuture.failedFuture(new IllegalStateException("unknown instance"));
      }
      return client.sendAsync(r).thenApply(ServiceResponse::statusCode);
    };
  }

  private SectionResult report(List<Run> runs, Path out) {
    SectionResult section = new SectionResult("tail-latency");
    Map<String, Run> byKey = new LinkedHashMap<>();
    for (Run r : runs) {
      byKey.put(r.scenario() + "/" + r.rule(), r);
    }
    Table table =
        new Table(
            "Latency under a degraded instance: 10 local instances ("
                + BASE_LATENCY.toMillis()
                + " ms each), "
                + settings.requestRate()
                + " req/s open loop, "
                + settings.scenarioDuration().toSeconds()
                + " s per run, same Ballast transport for every rule",
            "scenario",
            "rule",
            "p50 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms",
            "p99 ÷ round-robin p99",
            "success",
            "bad instance share",
            "requests");
    for (Run r : runs) {
      Run rr = byKey.get(r.scenario() + "/round-robin");
      double rrP99 = rr == null ? Double.NaN : rr.outcome().percentileMillis(99);
      OpenLoopDriver.Outcome o = r.outcome();
      table.row(
          r.scenario(),
          r.rule(),
          Table.num(o.percentileMillis(50), 2),
          Table.num(o.percentileMillis(99), 2),
          Table.num(o.percentileMillis(99.9), 2),
          Table.num(o.percentileMillis(100), 2),
          Table.ratio(o.percentileMillis(99) / rrP99),
          Table.pct(o.successRate()),
          r.scenario().equals("all healthy")
              ? "(" + Table.pct(r.badShare()) + ")"
              : Table.pct(r.badShare()),
          o.sent());
      section.figure(r.scenario() + " / " + r.rule() + " p99", o.percentileMillis(99), "ms");
    }
    table.note(
        "Instance "
            + BAD
            + " is the degraded one: "
            + BASE_LATENCY.multipliedBy(10).toMillis()
            + " ms instead of "
            + BASE_LATENCY.toMillis()
            + " ms, or 50 % of calls answered at once with"
            + " 503 (the others at once with 200). Latency is measured from each request's scheduled"
            + " send time (HdrHistogram). One attempt per call (retries off) except peak-ewma +"
            + " hedging: a hedge to another instance after "
            + HEDGE_DELAY.toMillis()
            + " ms (budget 10 %). Spring Cloud LB 4.3.3 RoundRobinLoadBalancer chooses, Ballast's"
            + " client sends to the chosen instance.");
    table.write(out, "tail-latency");
    section.table(table);
    for (String scenario : List.of("one 10× slower", "one failing 50 % fast (503)")) {
      Map<String, List<Double>> series = new LinkedHashMap<>();
      for (Run r : runs) {
        if (r.scenario().equals(scenario)) {
          List<Double> values = new ArrayList<>();
          for (double p : PERCENTILES) {
            values.add(r.outcome().percentileMillis(p));
          }
          series.put(r.rule(), values);
        }
      }
      Run healthy = byKey.get("all healthy/peak-ewma");
      if (healthy != null) {
        List<Double> values = new ArrayList<>();
        for (double p : PERCENTILES) {
          values.add(healthy.outcome().percentileMillis(p));
        }
        series.put("peak-ewma, all healthy (baseline)", values);
      }
      String file =
          scenario.startsWith("one 10×") ? "tail-latency-slow.png" : "tail-latency-failing.png";
      section.chart(
          Charts.percentileCurves(
              out.resolve(file), "Latency percentiles, " + scenario, PERCENTILE_LABELS, series));
    }
    Run healthy = byKey.get("all healthy/peak-ewma");
    Run slowEwma = byKey.get("one 10× slower/peak-ewma");
    Run slowRr = byKey.get("one 10× slower/round-robin");
    Run failEwma = byKey.get("one failing 50 % fast (503)/peak-ewma");
    if (healthy != null && slowEwma != null && slowRr != null && failEwma != null) {
      double h = healthy.outcome().percentileMillis(99);
      double e = slowEwma.outcome().percentileMillis(99);
      double r = slowRr.outcome().percentileMillis(99);
      section.goal(
          new Goal(
              "peak-EWMA p99 with one 10× slower instance vs all healthy",
              "≤ 1.5×",
              Table.ratio(e / h) + " (" + Table.num(e, 2) + " vs " + Table.num(h, 2) + " ms)",
              e <= 1.5 * h));
      section.goal(
          new Goal(
              "peak-EWMA p99 vs round-robin p99, one 10× slower instance",
              "≤ 1/5 (0.20×)",
              Table.ratio(e / r) + " (" + Table.num(e, 2) + " vs " + Table.num(r, 2) + " ms)",
              e * 5 <= r));
      section.goal(
          new Goal(
              "share of calls to the instance failing 50 % fast (peak-EWMA)",
              "≤ 5 %", Table.pct(failEwma.badShare()), failEwma.badShare() <= 0.05));
    }
    return section;
  }
}
