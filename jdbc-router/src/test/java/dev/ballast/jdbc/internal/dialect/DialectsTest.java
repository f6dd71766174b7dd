package dev.ballast.jdbc.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The dialect follows the JDBC URL's subprotocol; anything unknown keeps PostgreSQL's behaviour.
 */
class DialectsTest {

  @Test
  void choosesTheDialectFromTheUrlsSubprotocol() {
    assertThat(Dialects.forUrl("jdbc:postgresql://db:5432/app").name()).isEqualTo("postgresql");
    assertThat(Dialects.forUrl("jdbc:mariadb://db:3306/app").name()).isEqualTo("mariadb");
    assertThat(Dialects.forUrl("JDBC:MariaDB://db/app").name()).isEqualTo("mariadb");
    assertThat(Dialects.forUrl("jdbc:mariadb:replication://a,b/app").name()).isEqualTo("mariadb");
    assertThat(Dialects.forUrl("jdbc:mysql://db:3306/app?useSSL=false").name()).isEqualTo("mysql");
    assertThat(Dialects.forUrl("jdbc:mysql:loadbalance://a,b/app").name()).isEqualTo("mysql");
  }

  @Test
  void unknownEnginesKeepThePostgresProbeAndItsConnectivityFallback() {
    assertThat(Dialects.forUrl("jdbc:h2:mem:test").name()).isEqualTo("postgresql");
    assertThat(Dialects.forUrl("jdbc:postgresql:app")).isInstanceOf(PostgresDialect.class);
  }

  @Test
  void postgresPositionsAreLsnsComparedAsUnsignedNumbers() {
    Dialect pg = Dialects.forUrl("jdbc:postgresql://db/app");
    assertThat(pg.covers("0/16B3748", "0/16B3748")).isTrue();
    assertThat(pg.covers("1/0", "0/FFFFFFFF")).isTrue();
    assertThat(pg.covers("0/16B3747", "0/16B3748")).isFalse();
  }
}
