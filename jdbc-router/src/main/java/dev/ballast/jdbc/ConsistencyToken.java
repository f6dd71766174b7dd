package dev.ballast.jdbc;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.internal.Lsns;

/**
 * A position in the primary's write history: "the state right after some write committed". With
 * {@code read-your-writes=lsn}, a read that carries a token goes only to a replica that has
 * replayed at least this far (PostgreSQL: {@code pg_last_wal_replay_lsn() >= token}).
 *
 * <p>Tokens serialize to a short string ({@link #serialize()}, e.g. {@code lsn:0/16B3748}) so they
 * can travel with a request to another service (an HTTP header, a message attribute), which passes
 * them to {@link RoutingDataSource#runWith(ConsistencyToken, java.util.concurrent.Callable)}:
 * read-your-writes across services that share one database.
 *
 * <p>Immutable and thread-safe. Tokens order by position; {@link #max} keeps the later one.
 */
public final class ConsistencyToken implements Comparable<ConsistencyToken> {
  private static final String PREFIX = "lsn:";

  private final long lsn;

  private ConsistencyToken(long lsn) {
    this.lsn = lsn;
  }

  /**
   * {@return the token for WAL position {@code lsn} (bytes from {@code 0/0})}
   *
   * @param lsn the write-ahead-log position
   * @throws IllegalArgumentException if {@code lsn} is negative
   */
  public static ConsistencyToken ofLsn(long lsn) {
    if (lsn < 0) {
      throw new IllegalArgumentException("lsn: " + lsn + " (expected: a WAL position >= 0)");
    }
    return new ConsistencyToken(lsn);
  }

  /**
   * Parses the output of {@link #serialize()} (surrounding whitespace ignored).
   *
   * @param text the text to parse
   * @return the token
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static ConsistencyToken parse(String text) {
    requireNonNull(text, "text");
    String t = text.trim();
    if (t.startsWith(PREFIX)) {
      try {
        return new ConsistencyToken(Lsns.parse(t.substring(PREFIX.length())));
      } catch (IllegalArgumentException e) {
        // reported below with the whole text
      }
    }
    throw new IllegalArgumentException(
        "token: " + text + " (expected: lsn:X/Y as written by ConsistencyToken.serialize())");
  }

  /** {@return the WAL position in bytes from {@code 0/0}} */
  public long lsn() {
    return lsn;
  }

  /** {@return the string form, {@code lsn:X/Y}; {@link #parse} reads it back} Never null. */
  public String serialize() {
    return PREFIX + Lsns.format(lsn);
  }

  /**
   * {@return the later of this token and {@code other}}
   *
   * @param other the other token
   */
  public ConsistencyToken max(ConsistencyToken other) {
    return other.lsn > lsn ? other : this;
  }

  @Override
  public int compareTo(ConsistencyToken o) {
    return Long.compare(lsn, o.lsn);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsistencyToken other && other.lsn == lsn;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(lsn);
  }

  @Override
  public String toString() {
    return serialize();
  }
}
