package dev.ballast.testkit.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds the responses of an instance: the instance id as body, identifying headers. */
final class Responses {

  static final String INSTANCE_HEADER = "X-Instance";
  static final String ZONE_HEADER = "X-Zone";
  static final String METHOD_HEADER = "X-Method";

  private Responses() {}

  /**
   * A complete response whose body is the instance id, except where HTTP forbids a body (HEAD, 204,
   * 304); HEAD still announces the length a GET would have. A keep-alive response carries {@code
   * Keep-Alive: timeout=<keepAliveTimeoutSeconds>} unless that is negative.
   */
  static FullHttpResponse build(
      ByteBufAllocator allocator,
      HttpVersion version,
      int status,
      boolean head,
      boolean keepAlive,
      String instanceId,
      String zone,
      String method,
      long keepAliveTimeoutSeconds) {
    byte[] body = instanceId.getBytes(StandardCharsets.UTF_8);
    boolean noContentStatus = status == 204 || status == 304;
    ByteBuf content =
        head || noContentStatus
            ? Unpooled.EMPTY_BUFFER
            : allocator.buffer(body.length).writeBytes(body);
    FullHttpResponse response =
        new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status), content);
    var headers = response.headers();
    headers.set(INSTANCE_HEADER, instanceId);
    if (!zone.isEmpty()) {
      headers.set(ZONE_HEADER, zone);
    }
    headers.set(METHOD_HEADER, method);
    if (!noContentStatus) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    if (!keepAlive) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (version.equals(HttpVersion.HTTP_1_0)) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    if (keepAlive && keepAliveTimeoutSeconds >= 0) {
      headers.set(HttpHeaderNames.KEEP_ALIVE, "timeout=" + keepAliveTimeoutSeconds);
    }
    return response;
  }
}
