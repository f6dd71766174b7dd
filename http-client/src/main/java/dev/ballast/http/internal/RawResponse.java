package dev.ballast.http.internal;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A complete response copied off the wire (the Netty buffers are released right after): the call
 * turns it into a {@code ServiceResponse} once it knows the attempt count.
 *
 * @param status the HTTP status code
 * @param headers values by case-insensitive name
 * @param body the complete body
 */
@SuppressWarnings("ArrayRecordComponent") // internal carrier; the body is never compared
record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {

  static RawResponse copyOf(FullHttpResponse response) {
    HttpHeaders h = response.headers();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> e : h) {
      headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue());
    }
    byte[] body = new byte[response.content().readableBytes()];
    response.content().getBytes(response.content().readerIndex(), body);
    return new RawResponse(response.status().code(), headers, body);
  }
}
