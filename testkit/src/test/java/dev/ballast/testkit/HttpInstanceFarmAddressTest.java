package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Instances on loopback addresses other than 127.0.0.1, sharing one port: what the instances behind
 * a DNS name that gives only addresses look like.
 */
class HttpInstanceFarmAddressTest {

  @Test
  void instancesOnTwoLoopbackAddressesShareOnePort() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.2", 0));
      port = probe.getLocalPort();
    }
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder()
            .instance("a1", "a", "127.0.0.2", port)
            .instance("b1", "b", "127.0.0.3", port)
            .build()) {
      HttpInstance a1 = farm.instance("a1");
      assertThat(a1.host()).isEqualTo("127.0.0.2");
      assertThat(a1.port()).isEqualTo(port);
      assertThat(a1.endpointSpec()).isEqualTo("http://127.0.0.2:" + port + ";zone=a");
      assertThat(get("127.0.0.2", port)).containsIgnoringCase("X-Instance: a1");
      assertThat(get("127.0.0.3", port)).containsIgnoringCase("X-Instance: b1");
      a1.stop();
      a1.start();
      assertThat(a1.port()).isEqualTo(port);
      assertThat(get("127.0.0.2", port)).containsIgnoringCase("X-Instance: a1");
    }
  }

  @Test
  void anEphemeralPortOnAnotherAddressIsChosenAtStart() throws IOException {
    try (HttpInstanceFarm farm =
        HttpInstanceFarm.builder().instance("x1", "", "127.0.0.4", 0).build()) {
      HttpInstance x1 = farm.instance("x1");
      assertThat(x1.port()).isPositive();
      assertThat(get("127.0.0.4", x1.port())).containsIgnoringCase("X-Instance: x1");
    }
  }

  @Test
  void rejectsAddressesOffLoopbackAndNames() {
    String expected = " (expected: a loopback IP address literal such as 127.0.0.2)";
    assertThatThrownBy(() -> HttpInstanceFarm.builder().instance("a1", "a", "10.0.0.1", 0))
        .hasMessage("host: '10.0.0.1'" + expected);
    assertThatThrownBy(() -> HttpInstanceFarm.builder().instance("a1", "a", "localhost", 0))
        .hasMessage("host: 'localhost'" + expected);
    assertThatThrownBy(() -> HttpInstanceFarm.builder().instance("a1", "a", "127.0.0.2", 70000))
        .hasMessage("port: 70000 (expected: 0..65535)");
  }

  private static String get(String host, int port) throws IOException {
    try (Socket s = new Socket(host, port)) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
