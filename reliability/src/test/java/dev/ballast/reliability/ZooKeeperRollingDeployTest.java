package dev.ballast.reliability;

import static dev.ballast.reliability.Waits.measure;
import static dev.ballast.reliability.Waits.ms;
import static dev.ballast.reliability.Waits.warmUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.reliability.internal.EventChart;
import dev.ballast.reliability.internal.HttpTraffic;
import dev.ballast.reliability.internal.LoadLoop;
import dev.ballast.reliability.internal.PhasedLatency;
import dev.ballast.reliability.internal.Timeline;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7, rolling deploy on ZooKeeper: six instances in zones a, b and c are registered in a
 * real ZooKeeper (curator-test's {@code TestingServer}) with Curator's service discovery recipe,
 * and the client follows them with {@code discovery=zookeeper} while six threads send 600 calls/s,
 * every tenth a POST. The deploy replaces them one at a time the way a deployer on ZooKeeper does:
 * the new instance is started and registered, then the old one deregisters, and it is stopped after
 * a grace period that lasts until its connections have closed. Nothing but ZooKeeper tells the
 * client: no health check fails, no list is pushed by the test.
 */
class ZooKeeperRollingDeployTest {
  private static final String SERVICE = "orders";
  private static final Duration SLOW_START = ms(1500);
  private static final Duration GRACE = ms(500);
  private static final Duration REQUEST_TIMEOUT = ms(5000);
  private static final Duration WAIT = Duration.ofSeconds(10);
  // Fine polling: the waits below are also the figures of how fast the client follows.
  private static final Duration POLL = ms(5);

  @Test
  void replacesEveryInstanceThroughZooKeeperWithoutAFailedCall() throws Exception {
    try (TestingServer zk = new TestingServer(true);
        HttpInstanceFarm v1 = farm("zk-deploy-v1", "");
        HttpInstanceFarm v2 = farm("zk-deploy-v2", "v2");
        ZooKeeperRegistrar registrar = new ZooKeeperRegistrar(zk.getConnectString())) {
      Map<String, String> names = new HashMap<>();
      for (HttpInstanceFarm f : List.of(v1, v2)) {
        f.instances().forEach(i -> names.put(address(i), i.id()));
      }
      for (HttpInstance i : v1.instances()) {
        registrar.register(SERVICE, i);
      }
      try (Timeline timeline = Timeline.start(Duration.ofSeconds(120));
          BallastHttpClient client =
              BallastHttpClient.fromProperties(properties(zk.getConnectString()))) {
        LoadBalancer lb = client.loadBalancer(SERVICE);
        await().atMost(WAIT).until(() -> ids(lb).size() == 6);
        PhasedLatency latency = new PhasedLatency("warm-up");
        HttpTraffic traffic = new HttpTraffic(client, SERVICE, 10, latency, timeline);
        List<EventChart.Event> events = new ArrayList<>();
        List<Double> seenAfterRegister = new ArrayList<>();
        List<Double> goneAfterDeregister = new ArrayList<>();
        List<Double> drained = new ArrayList<>();
        try (LoadLoop load =
            LoadLoop.start(
                "zk-deploy-load", 6, 100, Duration.ofSeconds(120), 12_000, traffic.operation())) {
          warmUp(traffic::calls, 1_500);
          latency.phase("steady");
          measure(ms(3000));
          latency.phase("deploy");
          long deployStart = System.nanoTime();
          for (int i = 0; i < v1.instances().size(); i++) {
            HttpInstance old = v1.instances().get(i);
            HttpInstance fresh = v2.instances().get(i);
            events.add(
                new EventChart.Event(timeline.elapsedSeconds(), old.id() + " -> " + fresh.id()));

            long t0 = System.nanoTime();
            registrar.register(SERVICE, fresh);
            await().atMost(WAIT).pollInterval(POLL).until(() -> ids(lb).contains(address(fresh)));
            seenAfterRegister.add(millisSince(t0));

            long t1 = System.nanoTime();
            registrar.deregister(old);
            await().atMost(WAIT).pollInterval(POLL).until(() -> !ids(lb).contains(address(old)));
            goneAfterDeregister.add(millisSince(t1));
            // The grace period: at least GRACE, and until the client closed its connections
            // (they close as their calls finish).
            await().atMost(WAIT).pollInterval(POLL).until(() -> old.activeConnections() == 0);
            drained.add(millisSince(t1));
            measure(GRACE);
            old.stop();
            // A deployer waits for the new instance to settle before the next one.
            measure(SLOW_START);
          }
          double deploySeconds = (System.nanoTime() - deployStart) / 1e9;
          latency.phase("after");
          measure(ms(1500));
          assertThat(load.stop(Duration.ofSeconds(10))).isTrue();
          int seconds = (int) Math.ceil(timeline.elapsedSeconds());
          measure(ms(1100)); // let the timeline sample the last second
          EventChart.write(
              Path.of("target", "zookeeper-rolling-deploy.png"),
              "Rolling deploy on ZooKeeper",
              timeline,
              events,
              names,
              seconds);

          double steadyP99 = latency.percentileMillis("steady", 99);
          double deployP99 = latency.percentileMillis("deploy", 99);
          String scenario = "zookeeper rolling deploy";
          Figures.record(
              scenario,
              "calls / failed GETs / failed POSTs / retried",
              "%d / %d / %d / %d",
              traffic.calls(),
              traffic.idempotentFailures(),
              traffic.nonIdempotentFailures(),
              traffic.retriedCalls());
          Figures.record(scenario, "deploy duration", "%.1f s", deploySeconds);
          Figures.record(scenario, "latency steady", latency.summary("steady"));
          Figures.record(scenario, "latency during deploy", latency.summary("deploy"));
          Figures.record(scenario, "p99 deploy / steady", "%.2f", deployP99 / steadyP99);
          Figures.record(scenario, "registered -> in the client (ms)", "%s", seenAfterRegister);
          Figures.record(
              scenario, "deregistered -> out of the client (ms)", "%s", goneAfterDeregister);
          Figures.record(scenario, "deregistered -> connections closed (ms)", "%s", drained);

          assertThat(load.unexpectedErrors()).as("%s", load.errorSamples()).isZero();
          assertThat(traffic.idempotentFailures() + traffic.nonIdempotentFailures())
              .as("failed calls: %s", traffic.failureSamples())
              .isZero();
          // RollingDeployTest's bound: 2x steady, or steady + 25 ms when that is more (a floor
          // for scheduler stalls on a loaded 2-core machine).
          assertThat(deployP99)
              .as("p99 during the deploy vs steady %.2f ms", steadyP99)
              .isLessThanOrEqualTo(Math.max(2 * steadyP99, steadyP99 + 25));
          Set<String> fresh = new TreeSet<>();
          v2.instances().forEach(x -> fresh.add(address(x)));
          assertThat(ids(lb)).isEqualTo(fresh);
          assertThat(v1.instances()).allSatisfy(x -> assertThat(x.isRunning()).isFalse());
          // Every new instance took calls once settled.
          Map<String, Long> answers = traffic.answersByEndpoint();
          assertThat(v2.instances())
              .allSatisfy(x -> assertThat(answers.getOrDefault(address(x), 0L)).isPositive());
        }
      }
    }
  }

  static Properties properties(String connect) {
    Properties p = new Properties();
    String s = "ballast.http.services." + SERVICE + ".";
    p.setProperty(s + "discovery", "zookeeper");
    p.setProperty(s + "discovery.zookeeper.connect", connect);
    p.setProperty(s + "discovery.zookeeper.connection-timeout", "2s");
    p.setProperty(s + "request-timeout", REQUEST_TIMEOUT.toMillis() + "ms");
    p.setProperty(s + "slow-start.window", SLOW_START.toMillis() + "ms");
    p.setProperty(s + "health-check.path", "/health");
    p.setProperty(s + "health-check.interval", "250ms");
    return p;
  }

  static HttpInstanceFarm farm(String name, String suffix) {
    HttpInstanceFarm.Builder b = HttpInstanceFarm.builder().name(name).ioThreads(1);
    for (String id : List.of("a1", "a2", "b1", "b2", "c1", "c2")) {
      b.instance(id + suffix, id.substring(0, 1));
    }
    HttpInstanceFarm farm = b.build();
    // Real work takes time: in-flight calls exist at every drain, and p99 is not all noise.
    farm.instances().forEach(i -> i.latency(ms(2), ms(6)));
    return farm;
  }

  /** The endpoint id the ZooKeeper source gives an instance: its address. */
  static String address(HttpInstance i) {
    return i.host() + ":" + i.port();
  }

  static Set<String> ids(LoadBalancer lb) {
    Set<String> ids = new TreeSet<>();
    for (EndpointStatus s : lb.endpoints()) {
      ids.add(s.endpoint().id());
    }
    return ids;
  }

  private static double millisSince(long nanos) {
    return Math.round((System.nanoTime() - nanos) / 1e5) / 10.0;
  }
}
