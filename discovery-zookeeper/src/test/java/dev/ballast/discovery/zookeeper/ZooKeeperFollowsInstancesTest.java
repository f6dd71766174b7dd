package dev.ballast.discovery.zookeeper;

import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.expireSession;
import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.ids;
import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.props;
import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.HttpServiceConfig;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.lb.DiscoveredEndpointSource;
import dev.ballast.lb.LbConfig;
import dev.ballast.lb.Strategy;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP client following a real ZooKeeper with real instances behind it: an instance whose
 * session expires disappears and is drained (its call in flight completes); with ZooKeeper stopped,
 * the last known set keeps serving, and updates resume once it is back.
 */
class ZooKeeperFollowsInstancesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder()
              .name("zk-follow")
              .instance("i1", "a")
              .instance("i2", "b")
              .instance("i3", "a"));

  private static TestingServer server;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    server = new TestingServer(true);
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    server.close();
  }

  private static BallastHttpClient client(DiscoveredEndpointSource source) {
    return BallastHttpClient.builder()
        .service(
            "orders",
            source,
            HttpServiceConfig.builder()
                .lb(LbConfig.builder().strategy(Strategy.ROUND_ROBIN).build())
                .requestTimeout(Duration.ofSeconds(30))
                .build())
        .eventLoopThreads(1)
        .build();
  }

  private static ServiceInstance<Registrar.Details> instance(HttpInstance i) throws Exception {
    return ServiceInstance.<Registrar.Details>builder()
        .name("orders")
        .address(i.host())
        .port(i.port())
        .payload(new Registrar.Details(i.zone(), 1))
        .build();
  }

  private static String id(HttpInstance i) {
    return i.host() + ":" + i.port();
  }

  @Test
  void anInstanceWhoseSessionExpiresDisappearsAndIsDrainedNotCut() throws Exception {
    HttpInstance doomed = farm.instance("i1");
    HttpInstance survivor = farm.instance("i2");
    String connect = server.getConnectString();
    DiscoveredEndpointSource source =
        source("orders", props("orders", connect, "discovery.zookeeper.path", "/expiry/orders"));
    // The doomed instance registers with its own session, as its own process would; the
    // survivor's node is persistent here, so only the doomed one goes with the session.
    JsonInstanceSerializer<Registrar.Details> json =
        new JsonInstanceSerializer<>(Registrar.Details.class);
    try (CuratorFramework doomedSession =
            CuratorFrameworkFactory.newClient(connect, new RetryOneTime(100));
        BallastHttpClient client = client(source)) {
      doomedSession.start();
      doomedSession
          .create()
          .creatingParentsIfNeeded()
          .withMode(CreateMode.EPHEMERAL)
          .forPath("/expiry/orders/doomed", json.serialize(instance(doomed)));
      doomedSession.create().forPath("/expiry/orders/survivor", json.serialize(instance(survivor)));
      await().atMost(WAIT).until(() -> ids(source).size() == 2);

      // Calls in flight on the doomed instance when its session ends (round robin: one of the
      // first two calls goes there).
      doomed.latency(Duration.ofSeconds(2));
      List<CompletableFuture<ServiceResponse>> inFlight = new ArrayList<>();
      inFlight.add(client.sendAsync(ServiceRequest.get("orders", "/before/1").build()));
      inFlight.add(client.sendAsync(ServiceRequest.get("orders", "/before/2").build()));
      await().atMost(WAIT).until(() -> doomed.requestCount() == 1);

      expireSession(doomedSession.getZookeeperClient().getZooKeeper(), connect);
      await().atMost(WAIT).until(() -> ids(source).equals(List.of(id(survivor))));

      for (int i = 0; i < 20; i++) {
        assertThat(client.send(ServiceRequest.get("orders", "/after").build()).endpoint().id())
            .isEqualTo(id(survivor));
      }
      assertThat(inFlight)
          .allSatisfy(
              f ->
                  assertThat(f)
                      .succeedsWithin(WAIT)
                      .matches(r -> r.statusCode() == 200, "status 200"));
      await().atMost(WAIT).until(() -> doomed.activeConnections() == 0);
    } finally {
      source.close();
    }
  }

  @Test
  void keepsTheLastKnownSetWhileZooKeeperIsDownAndFollowsAgainWhenItIsBack() throws Exception {
    HttpInstance i1 = farm.instance("i1");
    HttpInstance i2 = farm.instance("i2");
    HttpInstance i3 = farm.instance("i3");
    String connect = server.getConnectString();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    BallastHttpClient client =
        BallastHttpClient.fromProperties(
            props(
                "outage",
                connect,
                "discovery.zookeeper.session-timeout",
                "60s",
                "discovery.zookeeper.connection-timeout",
                "2s"),
            meters);
    try (Registrar registrar = new Registrar(connect)) {
      registrar.register("outage", i1);
      registrar.register("outage", i2);
      await().atMost(WAIT).until(() -> client.loadBalancer("outage").endpoints().size() == 2);

      server.stop();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  meters
                          .get("ballast.discovery.errors")
                          .tag("service", "outage")
                          .tag("source", "zookeeper")
                          .functionCounter()
                          .count()
                      > 0);
      int failed = 0;
      for (int i = 0; i < 50; i++) {
        try {
          client.send(ServiceRequest.get("outage", "/during").build());
        } catch (RuntimeException e) {
          failed++;
        }
      }
      assertThat(failed).isZero();
      assertThat(client.loadBalancer("outage").endpoints()).hasSize(2);
      assertThat(meters.get("ballast.discovery.staleness").gauge().value()).isPositive();

      server.restart();
      registrar.register("outage", i3);
      await().atMost(WAIT).until(() -> client.loadBalancer("outage").endpoints().size() == 3);
      i3.mark();
      for (int i = 0; i < 30; i++) {
        client.send(ServiceRequest.get("outage", "/after").build());
      }
      assertThat(i3.countSinceMark()).isPositive();
    } finally {
      client.close();
    }
  }
}
