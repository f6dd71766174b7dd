package dev.ballast.reliability;

import static dev.ballast.reliability.Waits.measure;
import static dev.ballast.reliability.Waits.ms;
import static dev.ballast.reliability.Waits.warmUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.reliability.internal.FarmEndpoints;
import dev.ballast.reliability.internal.HttpTraffic;
import dev.ballast.reliability.internal.LoadLoop;
import dev.ballast.reliability.internal.PhasedLatency;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1, rolling deploy: six instances in zones a, b and c are replaced one at a time while
 * six threads send GETs. Each old instance fails its health check, is taken out of discovery once
 * the client has stopped picking it, is stopped only after its last connection closed (its
 * in-flight calls finished), and a new instance on a new port joins discovery and ramps under slow
 * start.
 */
class RollingDeployTest {
  private static final String SERVICE = "orders";
  private static final Duration SLOW_START = ms(1500);
  // Generous: a loaded 2-core CI machine stalls for seconds; no attempt should need it.
  private static final Duration REQUEST_TIMEOUT = ms(5000);

  @Test
  void replacesEveryInstanceWithoutAFailedRequestAndRampsEachNewOne() {
    try (HttpInstanceFarm v1 = farm("deploy-v1", "");
        HttpInstanceFarm v2 = farm("deploy-v2", "v2")) {
      DynamicEndpointSource discovery = EndpointSource.dynamic();
      Map<String, HttpInstance> live = new LinkedHashMap<>();
      v1.instances().forEach(i -> live.put(i.id(), i));
      discovery.update(FarmEndpoints.of(live.values()));
      HttpServiceConfig config =
          HttpServiceConfig.builder()
              .healthCheckPath("/health")
              .requestTimeout(REQUEST_TIMEOUT)
              .lb(
                  LbConfig.builder()
                      .slowStartWindow(SLOW_START)
                      .healthCheckInterval(ms(100))
                      .healthCheckTimeout(ms(1000))
                      .build())
              .build();
      try (BallastHttpClient client =
          BallastHttpClient.builder().service(SERVICE, discovery, config).build()) {
        LoadBalancer lb = client.loadBalancer(SERVICE);
        PhasedLatency latency = new PhasedLatency("warm-up");
        HttpTraffic traffic = new HttpTraffic(client, SERVICE, 0, latency, null);
        List<String> rampLines = new ArrayList<>();
        List<Double> rampRatios = new ArrayList<>();
        try (LoadLoop load =
            LoadLoop.start(
                "deploy-load", 6, 100, Duration.ofSeconds(180), 18_000, traffic.operation())) {
          // JIT and connection set-up first: "steady" is the state the deploy disturbs.
          warmUp(traffic::calls, 1_500);
          latency.phase("steady");
          measure(ms(3000));
          latency.phase("deploy");
          long deployStart = System.nanoTime();
          for (int i = 0; i < v1.instances().size(); i++) {
            HttpInstance old = v1.instances().get(i);
            HttpInstance fresh = v2.instances().get(i);

            old.healthStatus(503);
            await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> state(lb, old.id()) == EndpointStatus.State.UNHEALTHY);
            live.remove(old.id());
            discovery.update(FarmEndpoints.of(live.values()));
            // Drained: the client closed its connections once their calls had finished.
            await().atMost(Duration.ofSeconds(5)).until(() -> old.activeConnections() == 0);
            old.stop();

            live.values().forEach(HttpInstance::mark);
            fresh.mark();
            live.put(fresh.id(), fresh);
            discovery.update(FarmEndpoints.of(live.values()));
            measure(SLOW_START);
            double others =
                live.values().stream()
                    .filter(x -> x != fresh)
                    .mapToLong(HttpInstance::countSinceMark)
                    .average()
                    .orElse(0);
            double ratio = fresh.countSinceMark() / Math.max(1.0, others);
            rampRatios.add(ratio);
            rampLines.add(
                String.format(
                    java.util.Locale.ROOT,
                    "%s: %d requests in its first %s vs %.0f per settled instance (%.2f)",
                    fresh.id(),
                    fresh.countSinceMark(),
                    SLOW_START,
                    others,
                    ratio));
          }
          double deploySeconds = (System.nanoTime() - deployStart) / 1e9;
          latency.phase("after");
          live.values().forEach(HttpInstance::mark);
          measure(ms(1500));
          assertThat(load.stop(Duration.ofSeconds(10))).isTrue();
          assertThat(load.unexpectedErrors()).as("%s", load.errorSamples()).isZero();

          double steadyP99 = latency.percentileMillis("steady", 99);
          double deployP99 = latency.percentileMillis("deploy", 99);
          Figures.record("rolling deploy", "calls", "%d", traffic.calls());
          Figures.record("rolling deploy", "deploy duration", "%.1f s", deploySeconds);
          Figures.record("rolling deploy", "latency steady", latency.summary("steady"));
          Figures.record("rolling deploy", "latency during deploy", latency.summary("deploy"));
          Figures.record("rolling deploy", "p99 deploy / steady", "%.2f", deployP99 / steadyP99);
          Figures.record("rolling deploy", "retried calls", "%d", traffic.retriedCalls());
          rampLines.forEach(l -> Figures.record("rolling deploy", "slow start", l));

          assertThat(traffic.idempotentFailures())
              .as("failed GETs: %s", traffic.failureSamples())
              .isZero();
          // RELIABILITY.md's bound: 2x steady, at least steady + 25 ms so that a few scheduler
          // stalls on a 2-core machine do not decide it. Measured: 0.96x on the idle machine,
          // 0.37x at load average 26; a call that waited on a drained or stopped instance would
          // wait for the health check or a timeout, far above both.
          assertThat(deployP99)
              .as("p99 during the deploy vs steady %.2f ms", steadyP99)
              .isLessThanOrEqualTo(Math.max(2 * steadyP99, steadyP99 + 25));
          for (String phase : List.of("steady", "deploy", "after")) {
            assertThat(latency.snapshot(phase).getMaxValue() / 1000.0)
                .as("no %s call waited out an attempt's timeout: %s", phase, latency.summary(phase))
                .isLessThan(REQUEST_TIMEOUT.toMillis());
          }
          // Slow start gives a new instance well under a settled one's share over the window; a
          // full share (1.0) means no ramp. Measured 0.24-0.35 on the idle machine and 0.27-0.33
          // at load average 26; 0.7 (RELIABILITY.md's bound) leaves room for the window
          // overrunning on a stalled machine.
          assertThat(rampRatios)
              .as("share of each new instance during its ramp vs a settled one: %s", rampLines)
              .allSatisfy(r -> assertThat(r).isLessThan(0.7));
          // After the ramps, traffic is spread over the new instances again.
          double mean =
              live.values().stream().mapToLong(HttpInstance::countSinceMark).average().orElse(0);
          assertThat(live.values())
              .allSatisfy(x -> assertThat(x.countSinceMark()).isGreaterThan((long) (0.5 * mean)));
          assertThat(v1.instances()).allSatisfy(x -> assertThat(x.isRunning()).isFalse());
        }
      }
    }
  }

  private static HttpInstanceFarm farm(String name, String suffix) {
    HttpInstanceFarm.Builder b = HttpInstanceFarm.builder().name(name).ioThreads(1);
    for (String id : List.of("a1", "a2", "b1", "b2", "c1", "c2")) {
      b.instance(id + suffix, id.substring(0, 1));
    }
    HttpInstanceFarm farm = b.build();
    // Real work takes time: in-flight calls exist at every drain, and p99 is not all noise.
    farm.instances().forEach(i -> i.latency(ms(2), ms(6)));
    return farm;
  }

  private static EndpointStatus.State state(LoadBalancer lb, String id) {
    for (EndpointStatus s : lb.endpoints()) {
      if (s.endpoint().id().equals(id)) {
        return s.state();
      }
    }
    return EndpointStatus.State.HEALTHY;
  }
}
