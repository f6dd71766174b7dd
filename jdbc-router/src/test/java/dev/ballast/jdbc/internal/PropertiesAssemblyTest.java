package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.jdbc.internal.dialect.Dialects;
import org.junit.jupiter.api.Test;

/**
 * Which server a host's URL names: routers whose hosts share one probe per server rely on two URLs
 * of one server giving one key. Routers over real shared servers: {@code SharedServersTest}.
 */
class PropertiesAssemblyTest {

  @Test
  void aServerIsItsHostAndPortWithTheEnginesDefaultPortWhenTheUrlNamesNone() {
    assertThat(
            PropertiesAssembly.serverKey(
                "jdbc:postgresql://127.0.0.1/app", Dialects.forUrl("jdbc:postgresql:")))
        .isEqualTo("127.0.0.1:5432");
    assertThat(
            PropertiesAssembly.serverKey(
                "jdbc:postgresql://127.0.0.1:5433/other?user=x", Dialects.postgresql()))
        .isEqualTo("127.0.0.1:5433");
    assertThat(
            PropertiesAssembly.serverKey(
                "jdbc:mariadb://127.0.0.1/app", Dialects.forUrl("jdbc:mariadb:")))
        .isEqualTo("127.0.0.1:3306");
    assertThat(
            PropertiesAssembly.serverKey(
                "jdbc:mysql://127.0.0.1:3307/app", Dialects.forUrl("jdbc:mysql:")))
        .isEqualTo("127.0.0.1:3307");
  }

  @Test
  void aUrlWithoutAHostIsItsOwnServer() {
    assertThat(PropertiesAssembly.serverKey("jdbc:postgresql:app", Dialects.postgresql()))
        .isEqualTo("jdbc:postgresql:app");
  }
}
