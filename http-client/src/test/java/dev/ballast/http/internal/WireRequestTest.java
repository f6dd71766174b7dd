package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.ServiceRequest;
import dev.ballast.lb.Endpoint;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireRequestTest {
  private static final AsciiString HOST = AsciiString.cached("10.0.0.1:8080");

  @Test
  void namesTheEndpointAsHostUnlessTheCallerDid() {
    DefaultFullHttpRequest plain = WireRequest.of(ServiceRequest.get("s", "/a?b=1").build(), HOST);
    assertThat(plain.uri()).isEqualTo("/a?b=1");
    assertThat(plain.method().name()).isEqualTo("GET");
    assertThat(plain.headers().get(HttpHeaderNames.HOST)).isEqualTo("10.0.0.1:8080");
    plain.release();

    DefaultFullHttpRequest own =
        WireRequest.of(ServiceRequest.get("s", "/").header("Host", "orders.example").build(), HOST);
    assertThat(own.headers().getAll(HttpHeaderNames.HOST)).containsExactly("orders.example");
    own.release();
  }

  @Test
  void bracketsAnIpv6HostAndAddsThePort() {
    assertThat(WireRequest.hostHeader(Endpoint.builder("::1", 8443).build()))
        .isEqualTo("[::1]:8443");
    assertThat(WireRequest.hostHeader(Endpoint.builder("db.local", 80).build()))
        .isEqualTo("db.local:80");
  }

  @Test
  void sendsAContentLengthWithABodyAndForMethodsThatMayCarryOne() {
    DefaultFullHttpRequest withBody =
        WireRequest.of(ServiceRequest.post("s", "/").body("hello").build(), HOST);
    assertThat(withBody.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(5);
    assertThat(withBody.content().toString(StandardCharsets.UTF_8)).isEqualTo("hello");
    withBody.release();

    for (ServiceRequest r :
        new ServiceRequest[] {
          ServiceRequest.post("s", "/").build(), ServiceRequest.put("s", "/").build()
        }) {
      DefaultFullHttpRequest w = WireRequest.of(r, HOST);
      assertThat(w.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).as(r.method()).isZero();
      w.release();
    }
  }

  @Test
  void dropsTheCallersContentLengthOnABodilessIdempotentRequest() {
    DefaultFullHttpRequest get =
        WireRequest.of(ServiceRequest.get("s", "/").header("Content-Length", "12").build(), HOST);
    assertThat(get.headers().contains(HttpHeaderNames.CONTENT_LENGTH)).isFalse();
    assertThat(get.content().readableBytes()).isZero();
    get.release();
  }
}
