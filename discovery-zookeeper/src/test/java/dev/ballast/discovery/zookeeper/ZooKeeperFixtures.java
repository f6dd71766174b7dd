package dev.ballast.discovery.zookeeper;

import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.DiscoveredEndpointSource;
import dev.ballast.lb.DiscoveryProviders;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.Ticker;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Helpers shared by the ZooKeeper tests. */
final class ZooKeeperFixtures {
  static final String PREFIX = "ballast.http.services.";

  private ZooKeeperFixtures() {}

  /** Properties for {@code service} discovered from ZooKeeper at {@code connect}, plus extras. */
  static Properties props(String service, String connect, String... extra) {
    Properties p = new Properties();
    p.setProperty(PREFIX + service + ".discovery", "zookeeper");
    p.setProperty(PREFIX + service + ".discovery.zookeeper.connect", connect);
    for (int i = 0; i < extra.length; i += 2) {
      p.setProperty(PREFIX + service + "." + extra[i], extra[i + 1]);
    }
    return p;
  }

  /** The source bound from {@code props} exactly as the HTTP client binds it; not started. */
  static DiscoveredEndpointSource source(String service, Properties props) {
    ConfigReader r = new ConfigReader(props, k -> null);
    DiscoveredEndpointSource s =
        DiscoveryProviders.bind(r, PREFIX + service + ".", service, Ticker.system()).orElse(null);
    r.checkUnknownKeys();
    r.throwIfProblems();
    if (s == null) {
      throw new AssertionError("no source bound");
    }
    return s;
  }

  static List<String> ids(DiscoveredEndpointSource s) {
    return s.current().endpoints().stream().map(Endpoint::id).sorted().toList();
  }

  /**
   * Expires {@code zk}'s session on the server, as when its process stalls past the timeout: a
   * second connection joins the session and closes it, so the server deletes its ephemeral nodes.
   */
  static void expireSession(ZooKeeper zk, String connect) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper twin =
        new ZooKeeper(
            connect,
            10_000,
            e -> {
              if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
              }
            },
            zk.getSessionId(),
            zk.getSessionPasswd());
    try {
      if (!connected.await(15, TimeUnit.SECONDS)) {
        throw new AssertionError("could not join the session to expire it");
      }
    } finally {
      twin.close();
    }
  }

  /** Whether the ZooKeeper server at {@code port} on 127.0.0.1 says it leads its ensemble. */
  static boolean isLeader(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write("srvr".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return answer.contains("Mode: leader");
    } catch (Exception e) {
      return false;
    }
  }
}
