package dev.ballast.jdbc.internal.dialect;

import java.util.Locale;
import java.util.Objects;

/** Chooses the {@link Dialect} for a JDBC URL. Stateless. */
public final class Dialects {

  private static final Dialect POSTGRES = new PostgresDialect();
  private static final Dialect MARIADB = new MariaDbDialect();
  private static final Dialect MYSQL = new MySqlDialect();

  private Dialects() {}

  /** The PostgreSQL dialect: what a router whose engine is not known uses. */
  public static Dialect postgresql() {
    return POSTGRES;
  }

  /**
   * {@code jdbc:postgresql:} → PostgreSQL, {@code jdbc:mariadb:} → MariaDB (MariaDB Connector/J),
   * {@code jdbc:mysql:} → MySQL (Connector/J; a MariaDB server reached through it is treated as
   * MySQL). Any other URL gets the PostgreSQL dialect, whose probe falls back to a plain
   * connectivity check on engines without PostgreSQL's functions — what the router did before it
   * knew other engines.
   */
  public static Dialect forUrl(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:mariadb:")) {
      return MARIADB;
    }
    if (url.startsWith("jdbc:mysql:")) {
      return MYSQL;
    }
    return POSTGRES;
  }
}
