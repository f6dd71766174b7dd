package dev.ballast.testkit.internal.http;

import dev.ballast.testkit.HostileResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the raw bytes of a {@link HostileResponse} on one connection. Runs on the connection's
 * event loop.
 */
// Write futures are fire-and-forget: a failed write means the client went away, which the endless
// body notices through the channel becoming inactive.
@SuppressWarnings("FutureReturnValueIgnored")
final class HostileWriter {

  private static final byte[] CHUNK = endlessChunk();

  private HostileWriter() {}

  /** Starts writing {@code hostile} (not {@code NONE}) as the answer to the current request. */
  static void write(ChannelHandlerContext ctx, HostileResponse hostile, String instanceId) {
    // Written from the codec's context, so the bytes pass below Netty's HTTP encoder unchanged:
    // the encoder would refuse raw bytes before a response head and validate the head it builds.
    ChannelHandlerContext raw = ctx.pipeline().context(HttpServerCodec.class);
    switch (hostile) {
      case MALFORMED_STATUS_LINE ->
          raw.writeAndFlush(
              ascii(
                  raw,
                  "HTP/1.1 2OO Fine\r\nX-Instance: "
                      + instanceId
                      + "\r\nContent-Length: 2\r\n\r\nok"));
      case TRUNCATED_BODY ->
          raw.writeAndFlush(
                  ascii(
                      raw,
                      "HTTP/1.1 200 OK\r\nX-Instance: "
                          + instanceId
                          + "\r\nContent-Type: text/plain\r\nContent-Length: "
                          + HostileResponse.TRUNCATED_BODY_ANNOUNCED
                          + "\r\n\r\n"
                          + instanceId))
              .addListener(ChannelFutureListener.CLOSE);
      case ENDLESS_CHUNKED_BODY -> {
        raw.write(
            ascii(
                raw,
                "HTTP/1.1 200 OK\r\nX-Instance: "
                    + instanceId
                    + "\r\nContent-Type: application/octet-stream"
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
        writeChunk(raw);
      }
      case NONE -> throw new IllegalArgumentException("hostile: NONE (expected: a fault)");
    }
  }

  // One chunk in flight at a time: the next is written only when this one reached the socket, so
  // a slow reader holds the server to one chunk of memory instead of an ever-growing queue.
  private static void writeChunk(ChannelHandlerContext raw) {
    if (!raw.channel().isActive()) {
      return;
    }
    ChannelFuture written = raw.writeAndFlush(raw.alloc().buffer(CHUNK.length).writeBytes(CHUNK));
    written.addListener(
        f -> {
          if (f.isSuccess()) {
            // Through the executor: a write that completes at once would otherwise recurse.
            raw.executor().execute(() -> writeChunk(raw));
          } else {
            raw.close();
          }
        });
  }

  private static byte[] endlessChunk() {
    byte[] size =
        (Integer.toHexString(HostileResponse.ENDLESS_CHUNK_BYTES) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[size.length + HostileResponse.ENDLESS_CHUNK_BYTES + 2];
    System.arraycopy(size, 0, chunk, 0, size.length);
    Arrays.fill(chunk, size.length, chunk.length - 2, (byte) 'x');
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return chunk;
  }

  private static ByteBuf ascii(ChannelHandlerContext ctx, String text) {
    return ByteBufUtil.writeAscii(ctx.alloc(), text);
  }
}
