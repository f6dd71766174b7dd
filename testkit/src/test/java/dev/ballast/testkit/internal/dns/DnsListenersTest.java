package dev.ballast.testkit.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** UDP and TCP on one loopback port, and what a bind that fails leaves behind: nothing. */
class DnsListenersTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static QueryHandler handler() {
    return new QueryHandler(
        new Zone(), () -> QueryHandler.Behaviour.ANSWER, () -> true, () -> false);
  }

  @Test
  void listensOnUdpAndOnTcpOnTheSamePortUntilClosed() throws Exception {
    DnsListeners listeners = new DnsListeners("127.0.0.1", 0, handler());
    int port = listeners.address().getPort();
    try (Socket tcp = new Socket()) {
      tcp.connect(new InetSocketAddress(LOOPBACK, port), 5_000);
      assertThat(tcp.isConnected()).isTrue();
    } finally {
      listeners.close();
    }
    assertThat(port).isPositive();
    // Closed: both the UDP and the TCP port are free again.
    try (DatagramSocket udp = new DatagramSocket(port, LOOPBACK);
        ServerSocket tcp = new ServerSocket(port, 1, LOOPBACK)) {
      assertThat(udp.getLocalPort()).isEqualTo(port);
      assertThat(tcp.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aTakenUdpPortFailsNamingItAndLeavesNoThread() throws Exception {
    Set<String> before = dnsThreads();
    try (DatagramSocket taken = new DatagramSocket(0, LOOPBACK)) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> new DnsListeners("127.0.0.1", port, handler()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("port: " + port + " (expected: a UDP port free to bind on 127.0.0.1)");
    }
    assertThat(before).containsAll(dnsThreads());
  }

  @Test
  void aTakenTcpPortFailsNamingItAndReleasesTheUdpPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> new DnsListeners("127.0.0.1", port, handler()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("port: " + port + " (expected: a TCP port free to bind on 127.0.0.1)");
      try (DatagramSocket udp = new DatagramSocket(port, LOOPBACK)) {
        assertThat(udp.getLocalPort()).isEqualTo(port);
      }
    }
  }

  private static Set<String> dnsThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("ballast-dns-"))
        .collect(Collectors.toSet());
  }
}
