package dev.ballast.http.internal;

import dev.ballast.http.ServiceRequest;
import dev.ballast.lb.Endpoint;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Map;

/**
 * How a {@link ServiceRequest} goes on the wire to one endpoint: the HTTP/1.1 request with the
 * caller's headers, a {@code Host} naming the endpoint unless the caller gave one, and a {@code
 * Content-Length} whenever a body is sent or a server could expect one.
 *
 * <p>Stateless and thread-safe.
 */
final class WireRequest {
  private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory();

  private WireRequest() {}

  /** {@code host:port} for the {@code Host} header of requests to {@code e}, IPv6 in brackets. */
  static String hostHeader(Endpoint e) {
    String host = e.host().indexOf(':') >= 0 ? "[" + e.host() + "]" : e.host();
    return host + ":" + e.port();
  }

  /**
   * A new request for {@code request}; {@code hostHeader} (from {@link #hostHeader}) is its {@code
   * Host} unless the caller set one. The body is wrapped, not copied.
   */
  static DefaultFullHttpRequest of(ServiceRequest request, AsciiString hostHeader) {
    byte[] body = request.body();
    DefaultFullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(request.method()),
            request.path(),
            body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body),
            HEADERS.newHeaders(),
            // Trailers are only sent with chunked bodies, never ours: no second header table.
            EmptyHttpHeaders.INSTANCE);
    HttpHeaders h = r.headers();
    List<Map.Entry<String, String>> own = request.headers();
    int n = own.size();
    for (int i = 0; i < n; i++) {
      Map.Entry<String, String> e = own.get(i);
      h.add(e.getKey(), e.getValue());
    }
    if (n == 0 || !h.contains(HttpHeaderNames.HOST)) {
      h.set(HttpHeaderNames.HOST, hostHeader);
    }
    if (body.length > 0 || !request.isIdempotent() || "PUT".equals(request.method())) {
      h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    } else if (n > 0) {
      h.remove(HttpHeaderNames.CONTENT_LENGTH); // the caller's, on a request without a body
    }
    return r;
  }
}
