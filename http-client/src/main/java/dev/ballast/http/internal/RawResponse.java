package dev.ballast.http.internal;

import io.netty.handler.codec.http.FullHttpResponse;
import java.util.List;
import java.util.Map;

/**
 * A complete response taken off the wire (the Netty buffers are released right after; the decoded
 * headers are plain heap objects and are kept, wrapped, until someone reads them): the call turns
 * it into a {@code ServiceResponse} once it knows the attempt count.
 *
 * @param status the HTTP status code
 * @param headers values by case-insensitive name
 * @param body the complete body
 */
@SuppressWarnings("ArrayRecordComponent") // internal carrier; the body is never compared
record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {

  static RawResponse copyOf(FullHttpResponse response) {
    byte[] body = new byte[response.content().readableBytes()];
    response.content().getBytes(response.content().readerIndex(), body);
    return new RawResponse(response.status().code(), new ResponseHeaders(response.headers()), body);
  }
}
