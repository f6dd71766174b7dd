package dev.ballast.testkit;

import static java.util.Objects.requireNonNull;

import dev.ballast.testkit.internal.dns.DnsListeners;
import dev.ballast.testkit.internal.dns.Literals;
import dev.ballast.testkit.internal.dns.QueryHandler;
import dev.ballast.testkit.internal.dns.QueryHandler.Behaviour;
import dev.ballast.testkit.internal.dns.Zone;
import io.netty.handler.codec.dns.DnsRecordType;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A real DNS server on loopback (UDP, and TCP on the same port), answering from records the test
 * sets and changes while it runs, for tests of DNS-based discovery:
 *
 * <pre>{@code
 * try (DnsServer dns = DnsServer.builder().build()) {
 *   dns.a("orders.test", 1, "127.0.0.2", "127.0.0.3");       // TTL 1 s
 *   dns.srv("_http._tcp.orders.test", 1, new SrvRecord(0, 10, 8080, "a1.orders.test"));
 *   String server = dns.hostAndPort();                        // for ...discovery.dns.server
 *   dns.behaviour(DnsServer.Behaviour.SILENT);                // stops answering: clients time out
 * }
 * }</pre>
 *
 * <p>Answers: the name's records of the asked type with {@code NOERROR}; none with {@code NOERROR}
 * (NODATA) when the name is known without records of that type (or was set with none); {@code
 * NXDOMAIN} for a name never set or {@linkplain #remove removed}. Every answer carries the
 * authoritative-answer flag as {@link #authoritative(boolean)} says (default on, as a cluster's own
 * DNS such as CoreDNS or Consul answers). No additional section. {@link #truncateUdp(boolean)}
 * makes UDP answers truncated, so that clients must fall back to TCP.
 *
 * <p>Thread-safe: records and behaviour may change from any thread and apply to the next query. The
 * server runs on one daemon thread named {@code ballast-dns-<n>}; {@link #close()} stops it.
 */
public final class DnsServer implements AutoCloseable {
  /** What the server does with each query; see {@link #behaviour(Behaviour)}. */
  public enum Behaviour {
    /** Answers from the records (the default). */
    ANSWER,
    /** Answers every query with {@code SERVFAIL}. */
    SERVFAIL,
    /** Answers nothing, as a server that is down: clients time out. */
    SILENT
  }

  private final Zone zone = new Zone();
  private final QueryHandler handler;
  private final DnsListeners listeners;
  private volatile Behaviour behaviour = Behaviour.ANSWER;
  private volatile boolean authoritative = true;
  private volatile boolean truncateUdp;

  private DnsServer(String host, int port) {
    handler =
        new QueryHandler(
            zone,
            () -> QueryHandler.Behaviour.valueOf(behaviour.name()),
            () -> authoritative,
            () -> truncateUdp);
    listeners = new DnsListeners(host, port, handler);
  }

  /** {@return a builder: {@code 127.0.0.1}, an ephemeral port} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the address the server listens on} */
  public InetSocketAddress address() {
    return listeners.address();
  }

  /** {@return {@code <ip>:<port>} of the server, as a resolver setting takes it} */
  public String hostAndPort() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /**
   * Replaces the A records of {@code name}.
   *
   * @param name the host name, e.g. {@code orders.test}
   * @param ttlSeconds the records' TTL, {@code 0..2^31-1}
   * @param addresses IPv4 literals; none leaves the name known without A records (NODATA)
   * @return this server
   */
  public DnsServer a(String name, int ttlSeconds, String... addresses) {
    return addresses(name, DnsRecordType.A, ttlSeconds, Inet4Address.class, addresses);
  }

  /**
   * Replaces the AAAA records of {@code name}.
   *
   * @param name the host name, e.g. {@code orders.test}
   * @param ttlSeconds the records' TTL, {@code 0..2^31-1}
   * @param addresses IPv6 literals; none leaves the name known without AAAA records (NODATA)
   * @return this server
   */
  public DnsServer aaaa(String name, int ttlSeconds, String... addresses) {
    return addresses(name, DnsRecordType.AAAA, ttlSeconds, Inet6Address.class, addresses);
  }

  /**
   * Replaces the SRV records of {@code name} (e.g. {@code _http._tcp.orders.test}); the targets'
   * addresses are set separately with {@link #a}/{@link #aaaa}.
   *
   * @param name the SRV name, e.g. {@code _http._tcp.orders.test}
   * @param ttlSeconds the records' TTL, {@code 0..2^31-1}
   * @param records none leaves the name known without SRV records (NODATA)
   * @return this server
   */
  public DnsServer srv(String name, int ttlSeconds, SrvRecord... records) {
    requireNonNull(name, "name");
    checkTtl(ttlSeconds);
    List<byte[]> rdata = new ArrayList<>();
    for (SrvRecord r : requireNonNull(records, "records")) {
      rdata.add(Zone.srvData(r.priority(), r.weight(), r.port(), r.target()));
    }
    zone.set(name, DnsRecordType.SRV, ttlSeconds, rdata);
    return this;
  }

  /**
   * Forgets every record of {@code name}: its questions get NXDOMAIN.
   *
   * @param name the name to forget
   * @return this server
   */
  public DnsServer remove(String name) {
    zone.remove(requireNonNull(name, "name"));
    return this;
  }

  /**
   * Forgets every record of every name.
   *
   * @return this server
   */
  public DnsServer clear() {
    zone.clear();
    return this;
  }

  /**
   * Sets what the server does with the next queries (default {@link Behaviour#ANSWER}).
   *
   * @param behaviour what to do with each query
   * @return this server
   */
  public DnsServer behaviour(Behaviour behaviour) {
    this.behaviour = requireNonNull(behaviour, "behaviour");
    return this;
  }

  /**
   * Makes the next UDP answers carry only the truncation flag (default off), so clients must ask
   * again over TCP, which answers in full.
   *
   * @param truncate whether UDP answers are truncated
   * @return this server
   */
  public DnsServer truncateUdp(boolean truncate) {
    this.truncateUdp = truncate;
    return this;
  }

  /** {@return the number of questions that came over TCP} */
  public long tcpQuestions() {
    return handler.tcpQuestions();
  }

  /**
   * Sets the authoritative-answer flag of the next answers (default {@code true}).
   *
   * @param authoritative whether answers carry the authoritative-answer flag
   * @return this server
   */
  public DnsServer authoritative(boolean authoritative) {
    this.authoritative = authoritative;
    return this;
  }

  /**
   * {@return the number of questions received for {@code name} (any letter case, trailing dot or
   * not) and {@code type} ({@code A}, {@code AAAA}, {@code SRV} …), answered or not}
   *
   * @param name the asked name
   * @param type the asked record type, e.g. {@code SRV}
   */
  public long questions(String name, String type) {
    return handler.questions(requireNonNull(name, "name"), requireNonNull(type, "type"));
  }

  /** {@return the number of questions received, of every name and type} */
  public long questions() {
    return handler.questions();
  }

  /** Stops the server and its thread; idempotent. */
  @Override
  public void close() {
    listeners.close();
  }

  @Override
  public String toString() {
    return "DnsServer[" + hostAndPort() + "]";
  }

  private DnsServer addresses(
      String name,
      DnsRecordType type,
      int ttlSeconds,
      Class<? extends InetAddress> family,
      String... addresses) {
    requireNonNull(name, "name");
    checkTtl(ttlSeconds);
    List<byte[]> rdata = new ArrayList<>();
    for (String literal : requireNonNull(addresses, "addresses")) {
      rdata.add(Literals.parse(literal, family).getAddress());
    }
    zone.set(name, type, ttlSeconds, rdata);
    return this;
  }

  private static void checkTtl(int ttlSeconds) {
    if (ttlSeconds < 0) {
      throw new IllegalArgumentException("ttl: " + ttlSeconds + " (expected: >= 0 seconds)");
    }
  }

  /** Where the server listens. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;

    private Builder() {}

    /**
     * The loopback address to listen on (default {@code 127.0.0.1}).
     *
     * @param host a loopback IP address literal
     * @return this builder
     */
    public Builder host(String host) {
      requireNonNull(host, "host");
      String expected = " (expected: a loopback IP address literal such as 127.0.0.1)";
      InetAddress a;
      try {
        a = Literals.parse(host, InetAddress.class);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("host: '" + host + "'" + expected, e);
      }
      if (!a.isLoopbackAddress()) {
        throw new IllegalArgumentException("host: '" + host + "'" + expected);
      }
      this.host = host;
      return this;
    }

    /**
     * The UDP port (default 0: an ephemeral one).
     *
     * @param port 0..65535; 0 for an ephemeral port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
      }
      this.port = port;
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws IllegalStateException when the port cannot be bound
     */
    public DnsServer build() {
      return new DnsServer(host, port);
    }
  }
}
