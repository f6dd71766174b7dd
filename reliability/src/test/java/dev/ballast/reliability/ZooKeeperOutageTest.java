package dev.ballast.reliability;

import static dev.ballast.reliability.Waits.measure;
import static dev.ballast.reliability.Waits.ms;
import static dev.ballast.reliability.Waits.warmUp;
import static dev.ballast.reliability.ZooKeeperRollingDeployTest.address;
import static dev.ballast.reliability.ZooKeeperRollingDeployTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.reliability.internal.EventChart;
import dev.ballast.reliability.internal.HttpTraffic;
import dev.ballast.reliability.internal.LoadLoop;
import dev.ballast.reliability.internal.PhasedLatency;
import dev.ballast.reliability.internal.Timeline;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8, ZooKeeper outage: six instances in zones a, b and c registered in a real ZooKeeper
 * serve 600 calls/s (every tenth a POST) through {@code discovery=zookeeper}; the ZooKeeper server
 * stops mid-run and stays down, then starts again. While it is down the client keeps the last known
 * set (checked every 200 ms) and no call fails; after the restart, an instance registered then is
 * followed and called.
 *
 * <p>The outage lasts 10 s in the suite; {@code -Dballast.reliability.zk-outage=30s} gives the full
 * 30 s run that RELIABILITY.md reports (both stay within the registrations' 60 s session timeout).
 */
class ZooKeeperOutageTest {
  private static final String SERVICE = "orders";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void keepsTheLastKnownSetWhileZooKeeperIsDownAndFollowsItAgainAfter() throws Exception {
    Duration outage =
        Duration.parse(
            "PT" + System.getProperty("ballast.reliability.zk-outage", "10s").toUpperCase());
    try (TestingServer zk = new TestingServer(true);
        HttpInstanceFarm farm = ZooKeeperRollingDeployTest.farm("zk-outage", "");
        HttpInstanceFarm later = laterInstance();
        ZooKeeperRegistrar registrar = new ZooKeeperRegistrar(zk.getConnectString())) {
      Map<String, String> names = new HashMap<>();
      for (HttpInstanceFarm f : List.of(farm, later)) {
        f.instances().forEach(i -> names.put(address(i), i.id()));
      }
      for (HttpInstance i : farm.instances()) {
        registrar.register(SERVICE, i);
      }
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      try (Timeline timeline = Timeline.start(outage.plusSeconds(60));
          BallastHttpClient client =
              BallastHttpClient.fromProperties(
                  ZooKeeperRollingDeployTest.properties(zk.getConnectString()), meters)) {
        LoadBalancer lb = client.loadBalancer(SERVICE);
        await().atMost(WAIT).until(() -> ids(lb).size() == 6);
        Set<String> before = ids(lb);
        PhasedLatency latency = new PhasedLatency("warm-up");
        HttpTraffic traffic = new HttpTraffic(client, SERVICE, 10, latency, timeline);
        List<EventChart.Event> events = new ArrayList<>();
        List<String> changedSets = new ArrayList<>();
        int samples = 0;
        try (LoadLoop load =
            LoadLoop.start(
                "zk-outage-load",
                6,
                100,
                outage.plusSeconds(60),
                100 * (outage.toSeconds() + 40),
                traffic.operation())) {
          warmUp(traffic::calls, 1_500);
          latency.phase("steady");
          measure(ms(3000));

          latency.phase("outage");
          events.add(new EventChart.Event(timeline.elapsedSeconds(), "ZooKeeper stopped"));
          zk.stop();
          long end = System.nanoTime() + outage.toNanos();
          while (System.nanoTime() < end) {
            Set<String> now = ids(lb);
            samples++;
            if (!now.equals(before) && changedSets.size() < 10) {
              changedSets.add(String.format("%.1fs: %s", timeline.elapsedSeconds(), now));
            }
            measure(ms(200));
          }
          double errorsDuringOutage = errors(meters);
          double staleness = staleness(meters);

          latency.phase("after");
          events.add(new EventChart.Event(timeline.elapsedSeconds(), "ZooKeeper restarted"));
          zk.restart();
          HttpInstance newcomer = later.instances().get(0);
          long restarted = System.nanoTime();
          registrar.register(SERVICE, newcomer);
          await().atMost(WAIT).pollInterval(ms(5)).until(() -> ids(lb).contains(address(newcomer)));
          double followedAfter = (System.nanoTime() - restarted) / 1e6;
          events.add(new EventChart.Event(timeline.elapsedSeconds(), "a3 registered, followed"));
          newcomer.mark();
          measure(ms(2000));
          assertThat(load.stop(Duration.ofSeconds(10))).isTrue();
          int seconds = (int) Math.ceil(timeline.elapsedSeconds());
          measure(ms(1100));
          EventChart.write(
              Path.of("target", "zookeeper-outage.png"),
              "ZooKeeper down for " + outage.toSeconds() + " s",
              timeline,
              events,
              names,
              seconds);

          String scenario = "zookeeper outage " + outage.toSeconds() + " s";
          Figures.record(
              scenario,
              "calls / failed GETs / failed POSTs / retried",
              "%d / %d / %d / %d",
              traffic.calls(),
              traffic.idempotentFailures(),
              traffic.nonIdempotentFailures(),
              traffic.retriedCalls());
          Figures.record(scenario, "calls during the outage", "%d", latency.count("outage"));
          Figures.record(
              scenario,
              "set sampled during the outage / changed",
              "%d / %d",
              samples,
              changedSets.size());
          Figures.record(
              scenario,
              "discovery errors / staleness at the end of the outage",
              "%.0f / %.1f s",
              errorsDuringOutage,
              staleness);
          Figures.record(scenario, "latency steady", latency.summary("steady"));
          Figures.record(scenario, "latency during the outage", latency.summary("outage"));
          Figures.record(
              scenario, "restart -> new registration in the client", "%.0f ms", followedAfter);
          Figures.record(
              scenario,
              "calls to the new instance in its first 2 s",
              "%d",
              newcomer.countSinceMark());

          assertThat(load.unexpectedErrors()).as("%s", load.errorSamples()).isZero();
          assertThat(traffic.idempotentFailures() + traffic.nonIdempotentFailures())
              .as("failed calls: %s", traffic.failureSamples())
              .isZero();
          assertThat(latency.count("outage")).isGreaterThan(outage.toSeconds() * 300);
          assertThat(changedSets).as("the set while ZooKeeper was down").isEmpty();
          assertThat(errorsDuringOutage).as("discovery errors counted").isPositive();
          assertThat(staleness).isGreaterThan(outage.toSeconds() * 0.5);
          assertThat(newcomer.countSinceMark()).isPositive();
          Set<String> expected = new TreeSet<>(before);
          expected.add(address(newcomer));
          assertThat(ids(lb)).isEqualTo(expected);
        }
      }
    }
  }

  private static HttpInstanceFarm laterInstance() {
    HttpInstanceFarm f =
        HttpInstanceFarm.builder().name("zk-outage-later").ioThreads(1).instance("a3", "a").build();
    f.instances().forEach(i -> i.latency(ms(2), ms(6)));
    return f;
  }

  private static double errors(SimpleMeterRegistry meters) {
    FunctionCounter c =
        meters.find("ballast.discovery.errors").tag("service", SERVICE).functionCounter();
    return c == null ? 0 : c.count();
  }

  private static double staleness(SimpleMeterRegistry meters) {
    Gauge g = meters.find("ballast.discovery.staleness").tag("service", SERVICE).gauge();
    return g == null ? 0 : g.value();
  }
}
