package dev.ballast.discovery.zookeeper;

import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.ids;
import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.props;
import static dev.ballast.discovery.zookeeper.ZooKeeperFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ballast.lb.ConfigException;
import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.DiscoveredEndpointSource;
import dev.ballast.lb.Endpoint;
import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.HttpInstanceFarmExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ZooKeeper source against a real ZooKeeper ({@code curator-test}'s server), both formats. */
class ZooKeeperSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final HttpInstanceFarmExtension farm =
      HttpInstanceFarmExtension.of(
          HttpInstanceFarm.builder().name("zk").instance("i1", "a").instance("i2", "b"));

  private static TestingServer server;
  private static CuratorFramework admin;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    server = new TestingServer(true);
    admin = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
    admin.start();
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    admin.close();
    server.close();
  }

  private static String id(HttpInstance i) {
    return i.host() + ":" + i.port();
  }

  @Test
  void followsInstancesRegisteredWithCuratorsRecipeWithTheirZones() throws Exception {
    HttpInstance i1 = farm.instance("i1");
    HttpInstance i2 = farm.instance("i2");
    DiscoveredEndpointSource source = source("orders", props("orders", server.getConnectString()));
    try (Registrar registrar = new Registrar(server.getConnectString())) {
      source.subscribe(set -> {});
      await()
          .atMost(WAIT)
          .until(() -> source.health() == DiscoveredEndpointSource.Health.UP_TO_DATE);
      assertThat(source.current().endpoints()).isEmpty();

      registrar.register("orders", i1);
      registrar.register("orders", i2);
      await()
          .atMost(WAIT)
          .until(() -> ids(source).equals(List.of(id(i1), id(i2)).stream().sorted().toList()));
      assertThat(source.current().endpoints())
          .extracting(Endpoint::zone)
          .containsExactlyInAnyOrder("a", "b");

      registrar.disable("orders", i2);
      await().atMost(WAIT).until(() -> ids(source).equals(List.of(id(i1))));
      assertThat(source.reported())
          .filteredOn(DiscoveredEndpoint::draining)
          .extracting(d -> d.endpoint().id())
          .containsExactly(id(i2));

      registrar.unregister(i1);
      registrar.unregister(i2);
      await().atMost(WAIT).until(() -> source.reported().isEmpty());
      assertThat(source.errors()).isZero();
    } finally {
      source.close();
    }
  }

  @Test
  void readsPlainNodesAndSkipsOneThatIsNotAnEndpoint() throws Exception {
    String base = "/plain/billing";
    admin
        .create()
        .creatingParentsIfNeeded()
        .forPath(base + "/n1", bytes("http://127.0.0.1:9001;zone=a;weight=2"));
    admin.create().forPath(base + "/n2", bytes("127.0.0.1:9002;zone=b"));
    admin.create().forPath(base + "/n3", bytes("not an endpoint"));
    DiscoveredEndpointSource source =
        source(
            "billing",
            props(
                "billing",
                server.getConnectString(),
                "discovery.zookeeper.path",
                base,
                "discovery.zookeeper.format",
                "plain"));
    try {
      source.subscribe(set -> {});
      await().atMost(WAIT).until(() -> ids(source).size() == 2);
      assertThat(source.current().endpoints())
          .extracting(Endpoint::id, Endpoint::zone, Endpoint::weight)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("127.0.0.1:9001", "a", 2),
              org.assertj.core.groups.Tuple.tuple("127.0.0.1:9002", "b", 1));

      admin
          .create()
          .withMode(CreateMode.EPHEMERAL)
          .forPath(base + "/n4", bytes("127.0.0.1:9004;draining=true"));
      admin.setData().forPath(base + "/n3", bytes("http://127.0.0.1:9003"));
      await().atMost(WAIT).until(() -> source.reported().size() == 4);
      assertThat(ids(source)).containsExactly("127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003");

      admin.delete().forPath(base + "/n1");
      await()
          .atMost(WAIT)
          .until(() -> ids(source).equals(List.of("127.0.0.1:9002", "127.0.0.1:9003")));
    } finally {
      source.close();
    }
  }

  @Test
  void badKeysFailWithTheKeyTheValueAndWhatWasExpected() {
    assertThatThrownBy(
            () ->
                source(
                    "orders",
                    props(
                        "orders",
                        "",
                        "discovery.zookeeper.format",
                        "xml",
                        "discovery.zookeeper.path",
                        "services/orders",
                        "discovery.zookeeper.sesion-timeout",
                        "5s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "ballast.http.services.orders.discovery.zookeeper.connect: (empty) (expected: a"
                + " ZooKeeper connect string host:port[,host:port...])")
        .hasMessageContaining(
            "ballast.http.services.orders.discovery.zookeeper.format: xml (expected: curator or"
                + " plain)")
        .hasMessageContaining(
            "ballast.http.services.orders.discovery.zookeeper.path: services/orders (expected: an"
                + " absolute ZooKeeper path such as /services/orders)")
        .hasMessageContaining(
            "ballast.http.services.orders.discovery.zookeeper.sesion-timeout: 5s (expected: a"
                + " known key; did you mean"
                + " 'ballast.http.services.orders.discovery.zookeeper.session-timeout'?)");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
