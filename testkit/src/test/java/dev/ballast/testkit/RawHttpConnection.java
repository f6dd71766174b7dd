package dev.ballast.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain-socket HTTP/1.1 connection, so a test controls exactly which requests share a connection
 * and sees raw TCP outcomes (reset, close) that an HTTP client would hide or retry.
 */
final class RawHttpConnection implements AutoCloseable {

  /** A parsed response: status line code, the raw head and the body. */
  record Response(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return "";
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttpConnection(HttpInstance instance) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(instance.host(), instance.port()), 2_000);
    // Generous: on a loaded 2-core CI machine the server may take seconds to get to the request.
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void send(String method, String path) throws IOException {
    String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  Response exchange(String method, String path) throws IOException {
    send(method, path);
    return read(method.equals("HEAD"));
  }

  Response read(boolean head) throws IOException {
    String headText = readHead();
    int status = Integer.parseInt(headText.substring(9, 12));
    Response headOnly = new Response(status, headText, "");
    String length = headOnly.header("Content-Length");
    int bodyLength = head || length.isEmpty() ? 0 : Integer.parseInt(length);
    byte[] body = in.readNBytes(bodyLength);
    return new Response(status, headText, new String(body, StandardCharsets.UTF_8));
  }

  /** Reads up to and including the blank line that ends a response head, unparsed. */
  String readHead() throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + headBytes.size() + " bytes");
      }
      headBytes.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return headBytes.toString(StandardCharsets.US_ASCII);
  }

  /** Reads until the server closes the connection or {@code max} bytes arrived. */
  byte[] readUpTo(int max) throws IOException {
    return in.readNBytes(max);
  }

  /** Sets how long a read may block before it fails with a timeout. */
  void readTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
  }

  /** Reads one byte: -1 when the server closed the connection. */
  int readByte() throws IOException {
    return in.read();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  @Override
  public String toString() {
    return "RawHttpConnection[" + socket.getLocalPort() + "->" + socket.getPort() + "]";
  }
}
