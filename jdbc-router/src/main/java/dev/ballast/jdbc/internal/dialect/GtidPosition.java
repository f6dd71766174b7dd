package dev.ballast.jdbc.internal.dialect;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A MariaDB GTID position: per replication domain, the sequence number of the last transaction, as
 * in {@code @@gtid_binlog_pos} or {@code @@last_gtid} ({@code 0-1-42,1-2-7}: domain, server id,
 * sequence number). Within a domain, a replica applies in sequence order, so a position covers
 * another when it is at or past it in every domain the other names. Immutable.
 */
public final class GtidPosition {

  private static final GtidPosition EMPTY = new GtidPosition(Map.of());

  private final Map<Long, Long> sequenceByDomain;

  private GtidPosition(Map<Long, Long> sequenceByDomain) {
    this.sequenceByDomain = sequenceByDomain;
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
    for (String element : text.split(",")) {
      String[] parts = element.strip().split("-");
      if (parts.length != 3) {
        throw invalid(text);
      }
      try {
        long domain = Long.parseUnsignedLong(parts[0]);
        Long.parseUnsignedLong(parts[1]);
        long sequence = Long.parseUnsignedLong(parts[2]);
        sequences.merge(domain, sequence, Math::max);
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
    }
    return new GtidPosition(Collections.unmodifiableMap(sequences));
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "gtid position: "
            + text
            + " (expected: comma-separated domain-server-sequence, e.g. 0-1-42)");
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
    return o instanceof GtidPosition other && other.sequenceByDomain.equals(sequenceByDomain);
  }

  @Override
  public int hashCode() {
    return sequenceByDomain.hashCode();
  }

  @Override
  public String toString() {
    return "GtidPosition" + sequenceByDomain;
  }
}
