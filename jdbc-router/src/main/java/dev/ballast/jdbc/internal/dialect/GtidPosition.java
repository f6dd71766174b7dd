package dev.ballast.jdbc.internal.dialect;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A MariaDB GTID position: per replication domain, the sequence number of the last transaction, as
 * in {@code @@gtid_binlog_pos} or {@code @@last_gtid} ({@code 0-1-42,1-2-7}: domain, server id,
 * sequence number). Within a domain, a replica applies in sequence order, so a position covers
 * another when it is at or past it in every domain the other names. The server id of each domain's
 * latest transaction is kept so that {@link #text()} is a GTID list the server accepts back (e.g.
 * in {@code MASTER_GTID_WAIT}). Immutable.
 */
public final class GtidPosition implements Position {

  private static final GtidPosition EMPTY = new GtidPosition(Map.of(), Map.of());

  private final Map<Long, Long> sequenceByDomain;
  private final Map<Long, Long> serverByDomain;

  private GtidPosition(Map<Long, Long> sequenceByDomain, Map<Long, Long> serverByDomain) {
    this.sequenceByDomain = sequenceByDomain;
    this.serverByDomain = serverByDomain;
  }

  /**
   * Parses a comma-separated GTID list; blank means no transaction at all.
   *
   * @throws IllegalArgumentException naming the text when an element is not {@code
   *     domain-server-sequence} in unsigned decimal
   */
  public static GtidPosition parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      return EMPTY;
    }
    Map<Long, Long> sequences = new TreeMap<>();
    Map<Long, Long> servers = new TreeMap<>();
    for (String element : text.split(",")) {
      String[] parts = element.strip().split("-");
      if (parts.length != 3) {
        throw invalid(text);
      }
      try {
        long domain = Long.parseUnsignedLong(parts[0]);
        long server = Long.parseUnsignedLong(parts[1]);
        long sequence = Long.parseUnsignedLong(parts[2]);
        put(sequences, servers, domain, server, sequence);
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
    }
    return new GtidPosition(
        Collections.unmodifiableMap(sequences), Collections.unmodifiableMap(servers));
  }

  private static void put(
      Map<Long, Long> sequences, Map<Long, Long> servers, long domain, long server, long sequence) {
    Long known = sequences.get(domain);
    if (known == null || Long.compareUnsigned(known, sequence) < 0) {
      sequences.put(domain, sequence);
      servers.put(domain, server);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "gtid position: "
            + text
            + " (expected: comma-separated domain-server-sequence, e.g. 0-1-42)");
  }

  @Override
  public long size() {
    return sequenceSum();
  }

  @Override
  public boolean covers(Position required) {
    return covers(of(required));
  }

  @Override
  public GtidPosition merge(Position other) {
    GtidPosition o = of(other);
    if (covers(o)) {
      return this;
    }
    Map<Long, Long> sequences = new TreeMap<>(sequenceByDomain);
    Map<Long, Long> servers = new TreeMap<>(serverByDomain);
    for (Map.Entry<Long, Long> e : o.sequenceByDomain.entrySet()) {
      put(
          sequences,
          servers,
          e.getKey(),
          o.serverByDomain.getOrDefault(e.getKey(), 0L),
          e.getValue());
    }
    return new GtidPosition(
        Collections.unmodifiableMap(sequences), Collections.unmodifiableMap(servers));
  }

  private static GtidPosition of(Position p) {
    if (p instanceof GtidPosition g) {
      return g;
    }
    throw new IllegalArgumentException(
        "position: " + p.text() + " (expected: a MariaDB GTID list, e.g. 0-1-42)");
  }

  /** The GTID list, domains in ascending order, e.g. {@code 0-1-42,1-2-7}; empty for none. */
  @Override
  public String text() {
    StringBuilder sb = new StringBuilder();
    sequenceByDomain.forEach(
        (domain, sequence) -> {
          if (sb.length() > 0) {
            sb.append(',');
          }
          sb.append(Long.toUnsignedString(domain))
              .append('-')
              .append(Long.toUnsignedString(serverByDomain.getOrDefault(domain, 0L)))
              .append('-')
              .append(Long.toUnsignedString(sequence));
        });
    return sb.toString();
  }

  /** Whether this position is at or past {@code other} in every domain {@code other} names. */
  public boolean covers(GtidPosition other) {
    for (Map.Entry<Long, Long> required : other.sequenceByDomain.entrySet()) {
      Long reached = sequenceByDomain.get(required.getKey());
      if (reached == null || Long.compareUnsigned(reached, required.getValue()) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The sum of the sequence numbers over all domains: grows with every transaction applied, so it
   * orders the positions of one cluster's nodes for lag estimates (not for consistency decisions,
   * which use {@link #covers}).
   */
  public long sequenceSum() {
    long sum = 0;
    for (long sequence : sequenceByDomain.values()) {
      sum += sequence;
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GtidPosition other
        && other.sequenceByDomain.equals(sequenceByDomain)
        && other.serverByDomain.equals(serverByDomain);
  }

  @Override
  public int hashCode() {
    return sequenceByDomain.hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
