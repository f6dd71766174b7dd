package dev.ballast.jdbc;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.internal.Lsns;
import dev.ballast.jdbc.internal.dialect.GtidPosition;
import dev.ballast.jdbc.internal.dialect.GtidSet;
import dev.ballast.jdbc.internal.dialect.Position;
import org.jspecify.annotations.Nullable;

/**
 * A position in the primary's write history: "the state right after some write committed". With
 * {@code read-your-writes=lsn} (or {@code gtid}), a read that carries a token goes only to a
 * replica that has applied at least this far.
 *
 * <p>A token names its database engine ({@link #database()}) and holds that engine's position:
 *
 * <ul>
 *   <li>PostgreSQL: a WAL position (LSN), serialized {@code lsn:0/16B3748};
 *   <li>MariaDB: a GTID list, one {@code domain-server-sequence} per replication domain, serialized
 *       {@code mariadb-gtid:0-1-42} ({@code mariadb-gtid:0-1-42+1-2-7} for several domains);
 *   <li>MySQL: a GTID set, serialized {@code mysql-gtid:3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5}.
 * </ul>
 *
 * <p>The serialized form never contains a comma (the engines' own lists are comma-separated; here
 * {@code +} separates their elements), so tokens can be listed comma-separated, as HTTP headers
 * list values.
 *
 * <p>Tokens serialize to a short string ({@link #serialize()}) so they can travel with a request to
 * another service (an HTTP header, a message attribute), which passes them to {@link
 * RoutingDataSource#runWith(ConsistencyToken, java.util.concurrent.Callable)}: read-your-writes
 * across services that share one database. A router refuses a token of another engine with an
 * {@link IllegalArgumentException} rather than compare positions that mean nothing to each other;
 * the one exception is {@code lsn:0/0} ({@code ofLsn(0)}), "no position yet", which every router
 * accepts and which is below every token.
 *
 * <p>Immutable and thread-safe. LSN tokens order by position; {@link #max} keeps the later one (for
 * GTID tokens: the one that covers both).
 */
public final class ConsistencyToken implements Comparable<ConsistencyToken> {
  private static final String PREFIX = "lsn:";
  private static final String POSTGRESQL = "postgresql";
  private static final String MARIADB = "mariadb";
  private static final String MYSQL = "mysql";
  private static final String GTID_SUFFIX = "-gtid:";
  private static final char ELEMENT_SEPARATOR = '+';

  private final long lsn;
  private final String database;
  private final @Nullable Position gtid;

  private ConsistencyToken(long lsn) {
    this.lsn = lsn;
    this.database = POSTGRESQL;
    this.gtid = null;
  }

  private ConsistencyToken(String database, Position gtid) {
    this.lsn = Lsns.NONE;
    this.database = database;
    this.gtid = gtid;
  }

  /**
   * {@return the token for PostgreSQL WAL position {@code lsn} (bytes from {@code 0/0})}
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
   * {@return the token for a GTID position of {@code database}: {@code mariadb} (a GTID list such
   * as {@code 0-1-42,1-2-7}) or {@code mysql} (a GTID set such as {@code uuid:1-42})}
   *
   * @param database the engine, {@code mariadb} or {@code mysql}
   * @param position the position in the engine's own text
   * @throws IllegalArgumentException naming the argument when the database is neither or the
   *     position is not of its form
   */
  public static ConsistencyToken ofGtid(String database, String position) {
    requireNonNull(database, "database");
    requireNonNull(position, "position");
    if (MARIADB.equals(database)) {
      return new ConsistencyToken(MARIADB, GtidPosition.parse(position));
    }
    if (MYSQL.equals(database)) {
      return new ConsistencyToken(MYSQL, GtidSet.parse(position));
    }
    throw new IllegalArgumentException(
        "database: " + database + " (expected: mariadb or mysql, the engines with GTIDs)");
  }

  /** A token for a position the router already parsed; {@code database} names its engine. */
  static ConsistencyToken of(String database, Position position) {
    return new ConsistencyToken(database, position);
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
    for (String engine : new String[] {MARIADB, MYSQL}) {
      String prefix = engine + GTID_SUFFIX;
      if (t.startsWith(prefix)) {
        try {
          return ofGtid(engine, t.substring(prefix.length()).replace(ELEMENT_SEPARATOR, ','));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "token: "
                  + text
                  + " (expected: "
                  + prefix
                  + (engine.equals(MARIADB)
                      ? "domain-server-sequence[+…]"
                      : "uuid:first-last[:first-last…][+…]")
                  + " as written by ConsistencyToken.serialize())",
              e);
        }
      }
    }
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

  /**
   * {@return the engine whose position this is: {@code postgresql}, {@code mariadb} or {@code
   * mysql}}
   */
  public String database() {
    return database;
  }

  /** {@return whether this is a PostgreSQL WAL position ({@link #lsn()} may be called)} */
  public boolean isLsn() {
    return gtid == null;
  }

  /**
   * {@return the WAL position in bytes from {@code 0/0}}
   *
   * @throws IllegalStateException for a GTID token, which has no LSN
   */
  public long lsn() {
    if (gtid != null) {
      throw new IllegalStateException(
          "token: "
              + serialize()
              + " (expected: an lsn token: a "
              + database
              + " token has GTIDs)");
    }
    return lsn;
  }

  /**
   * {@return the position in the engine's own text: {@code 0/16B3748}, {@code 0-1-42}, {@code
   * uuid:1-5}}
   */
  public String position() {
    Position g = gtid;
    return g == null ? Lsns.format(lsn) : g.text();
  }

  /** The engine position of a GTID token, null for an LSN token. */
  @Nullable Position gtidPosition() {
    return gtid;
  }

  /** Whether this is {@code lsn:0/0}, "no position yet", which every engine's router accepts. */
  boolean isOrigin() {
    return gtid == null && lsn == 0;
  }

  /**
   * {@return the string form, {@code lsn:X/Y}, {@code mariadb-gtid:…} or {@code mysql-gtid:…};
   * {@link #parse} reads it back} Never null.
   */
  public String serialize() {
    Position g = gtid;
    return g == null
        ? PREFIX + Lsns.format(lsn)
        : database + GTID_SUFFIX + g.text().replace(',', ELEMENT_SEPARATOR);
  }

  /**
   * {@return the later of this token and {@code other}: for LSNs the greater one; for GTIDs the one
   * that covers both (which may be a new token when neither covers the other)} {@code lsn:0/0}
   * yields the other token whatever its engine.
   *
   * @param other the other token
   * @throws IllegalArgumentException if the tokens are of different engines
   */
  public ConsistencyToken max(ConsistencyToken other) {
    requireNonNull(other, "other");
    if (other.isOrigin()) {
      return this;
    }
    if (isOrigin()) {
      return other;
    }
    Position mine = gtid;
    Position theirs = other.gtid;
    if (mine == null && theirs == null) {
      return other.lsn > lsn ? other : this;
    }
    requireSameEngine(other);
    Position a = requireNonNull(mine, "gtid");
    Position b = requireNonNull(theirs, "gtid");
    if (a.covers(b)) {
      return this;
    }
    if (b.covers(a)) {
      return other;
    }
    return new ConsistencyToken(database, a.merge(b));
  }

  private void requireSameEngine(ConsistencyToken other) {
    if (!database.equals(other.database)) {
      throw new IllegalArgumentException(
          "token: "
              + other.serialize()
              + " (expected: a "
              + database
              + " token, as "
              + serialize()
              + ")");
    }
  }

  /**
   * LSN tokens by position. GTID tokens of one engine are only partly ordered by what they cover;
   * they compare by how many transactions they name, then by text, an order in which a token never
   * comes before one it covers. {@code lsn:0/0} comes first.
   *
   * @throws IllegalArgumentException if the tokens are of different engines
   */
  @Override
  public int compareTo(ConsistencyToken o) {
    boolean mineOrigin = isOrigin();
    boolean theirsOrigin = o.isOrigin();
    if (mineOrigin || theirsOrigin) {
      return mineOrigin == theirsOrigin ? 0 : mineOrigin ? -1 : 1;
    }
    Position a = gtid;
    Position b = o.gtid;
    if (a == null && b == null) {
      return Long.compare(lsn, o.lsn);
    }
    requireSameEngine(o);
    Position pa = requireNonNull(a, "gtid");
    Position pb = requireNonNull(b, "gtid");
    int bySize = Long.compare(pa.size(), pb.size());
    return bySize != 0 ? bySize : pa.text().compareTo(pb.text());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsistencyToken other && other.serialize().equals(serialize());
  }

  @Override
  public int hashCode() {
    return serialize().hashCode();
  }

  @Override
  public String toString() {
    return serialize();
  }
}
