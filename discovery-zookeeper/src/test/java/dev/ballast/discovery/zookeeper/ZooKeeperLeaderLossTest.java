package dev.ballast.discovery.zookeeper;

import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.isLeader;
import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingZooKeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 3-server ZooKeeper ensemble loses its leader while calls run against real instances: no call
 * fails, and after the re-election the set still follows registrations.
 */
class ZooKeeperLeaderLossTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder()
              .name("zk-quorum")
              .instance("i1", "a")
              .instance("i2", "b")
              .instance("i3", "c"));

  private static TestingCluster cluster;

  @BeforeAll
  static void startEnsemble() throws Exception {
    cluster = new TestingCluster(3);
    cluster.start();
  }

  @AfterAll
  static void stopEnsemble() throws Exception {
    cluster.close();
  }

  @Test
  void noCallFailsWhileTheLeaderIsKilledAndTheSetFollowsAfterTheReElection() throws Exception {
    HttpInstance i1 = farm.instance("i1");
    HttpInstance i2 = farm.instance("i2");
    HttpInstance i3 = farm.instance("i3");
    String connect = cluster.getConnectString();
    try (Registrar registrar = new Registrar(connect);
        BallastHttpClient client = BallastHttpClient.fromProperties(props("orders", connect))) {
      registrar.register("orders", i1);
      registrar.register("orders", i2);
      await().atMost(WAIT).until(() -> client.loadBalancer("orders").endpoints().size() == 2);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger calls = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      Thread load =
          new Thread(
              () -> {
                // Bounded in count and time; stopped by the test once the checks are done.
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!stop.get() && calls.get() < 20_000 && System.nanoTime() < end) {
                  try {
                    client.send(ServiceRequest.get("orders", "/q").build());
                  } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                  }
                  calls.incrementAndGet();
                }
              },
              "load");
      load.start();
      await().atMost(WAIT).until(() -> calls.get() >= 100);

      TestingZooKeeperServer leader =
          cluster.getServers().stream()
              .filter(s -> isLeader(s.getInstanceSpec().getPort()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no leader in " + cluster.getInstances()));
      InstanceSpec killed = leader.getInstanceSpec();
      assertThat(cluster.killServer(killed)).isTrue();
      List<InstanceSpec> rest =
          cluster.getInstances().stream().filter(s -> !s.equals(killed)).toList();
      // A new leader among the two that are left.
      await().atMost(WAIT).until(() -> rest.stream().anyMatch(s -> isLeader(s.getPort())));
      int atElection = calls.get();

      registrar.register("orders", i3);
      await().atMost(WAIT).until(() -> client.loadBalancer("orders").endpoints().size() == 3);
      i3.mark();
      await().atMost(WAIT).until(() -> i3.countSinceMark() > 0);
      await().atMost(WAIT).until(() -> calls.get() >= atElection + 100);
      stop.set(true);
      load.join(TimeUnit.SECONDS.toMillis(30));

      assertThat(failures).isEmpty();
      assertThat(calls.get()).isGreaterThan(200);
      System.out.printf(
          "leader loss: %d calls, %d failed, %d after the re-election%n",
          calls.get(), failures.size(), calls.get() - atElection);
    }
  }
}
