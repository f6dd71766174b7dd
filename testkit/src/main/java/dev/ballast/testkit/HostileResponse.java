package dev.ballast.testkit;

/**
 * A reply that breaks HTTP/1.1 in one way, for testing how a client survives a broken or hostile
 * server; set with {@link HttpInstance#respondHostile(HostileResponse)}.
 *
 * <p>Each fault is written as raw bytes, below Netty's HTTP encoder, so the client sees exactly
 * these bytes. The request is read in full and counted before the reply starts.
 */
public enum HostileResponse {
  /** A proper response (the default). */
  NONE,

  /**
   * A status line that is not HTTP ({@code HTP/1.1 2OO Fine}) followed by a header block; the
   * connection stays open, so a client that does not recognise the garbage waits for its timeout.
   */
  MALFORMED_STATUS_LINE,

  /**
   * A {@code 200} whose {@code Content-Length} announces {@value #TRUNCATED_BODY_ANNOUNCED} bytes,
   * followed by the instance id (fewer bytes) and then a close of the connection (FIN).
   */
  TRUNCATED_BODY,

  /**
   * A {@code 200} with {@code Transfer-Encoding: chunked} whose chunks ({@value
   * #ENDLESS_CHUNK_BYTES} bytes each) never end. The next chunk is written only once the previous
   * one was flushed to the socket, so the server holds one chunk at a time however slowly the
   * client reads; the body ends only when the connection closes.
   */
  ENDLESS_CHUNKED_BODY;

  /** The {@code Content-Length} that {@link #TRUNCATED_BODY} announces. */
  public static final int TRUNCATED_BODY_ANNOUNCED = 1000;

  /** The size of each chunk of {@link #ENDLESS_CHUNKED_BODY}. */
  public static final int ENDLESS_CHUNK_BYTES = 8192;
}
