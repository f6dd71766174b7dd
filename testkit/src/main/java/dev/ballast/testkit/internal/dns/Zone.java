package dev.ballast.testkit.internal.dns;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records a test has set, by owner name and type, and the answer each question gets: the
 * records of the name and type with {@code NOERROR}; none with {@code NOERROR} (NODATA) when the
 * name has records of other types only, or was set with an empty list; {@code NXDOMAIN} when the
 * name has nothing. Thread-safe: a test changes records while the server's loop answers.
 */
public final class Zone {
  private record RecordSet(long ttl, List<byte[]> rdata) {}

  private final Map<String, Map<DnsRecordType, RecordSet>> names = new ConcurrentHashMap<>();

  /** Replaces the records of {@code name} and {@code type}; an empty list keeps the name known. */
  public void set(String name, DnsRecordType type, long ttl, List<byte[]> rdata) {
    names
        .computeIfAbsent(canonical(name), n -> new ConcurrentHashMap<>())
        .put(type, new RecordSet(ttl, List.copyOf(rdata)));
  }

  /** Forgets every record of {@code name}: its questions get NXDOMAIN. */
  public void remove(String name) {
    names.remove(canonical(name));
  }

  /** Forgets every record. */
  public void clear() {
    names.clear();
  }

  /**
   * The answer to {@code name}/{@code type}: adds the matching records (owner {@code name} as
   * asked) to {@code answers} and returns the response code.
   */
  public DnsResponseCode answer(String name, DnsRecordType type, List<DnsRecord> answers) {
    Map<DnsRecordType, RecordSet> byType = names.get(canonical(name));
    if (byType == null) {
      return DnsResponseCode.NXDOMAIN;
    }
    RecordSet set = byType.get(type);
    if (set != null) {
      for (byte[] data : set.rdata()) {
        answers.add(
            new DefaultDnsRawRecord(name, type, set.ttl(), Unpooled.wrappedBuffer(data.clone())));
      }
    }
    return DnsResponseCode.NOERROR;
  }

  /** The data of an SRV record (RFC 2782): priority, weight, port, then the target uncompressed. */
  public static byte[] srvData(int priority, int weight, int port, String target) {
    byte[] name = wireName(target);
    ByteBuffer b = ByteBuffer.allocate(6 + name.length);
    b.putShort((short) priority).putShort((short) weight).putShort((short) port).put(name);
    return b.array();
  }

  /** Lower case with the root's trailing dot: DNS names compare case-insensitively. */
  public static String canonical(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /**
   * {@code name} in DNS wire form (uncompressed labels, then the root), for SRV targets; {@code .}
   * is the root alone.
   */
  public static byte[] wireName(String name) {
    String n = canonical(name);
    if (n.equals(".")) {
      return new byte[] {0};
    }
    byte[] out = new byte[n.length() + 1];
    int at = 0;
    for (String label : n.substring(0, n.length() - 1).split("\\.", -1)) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      if (bytes.length == 0 || bytes.length > 63) {
        throw new IllegalArgumentException(
            "name: '" + name + "' (expected: labels of 1..63 characters)");
      }
      out[at++] = (byte) bytes.length;
      System.arraycopy(bytes, 0, out, at, bytes.length);
      at += bytes.length;
    }
    out[at] = 0;
    return out;
  }
}
