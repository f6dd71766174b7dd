package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void masksPasswordsInParametersAndUserInfo() {
    assertThat(Urls.mask("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true");
    assertThat(Urls.mask("jdbc:mysql://app:s3cret@db:3306/app"))
        .isEqualTo("jdbc:mysql://app:****@db:3306/app");
    assertThat(Urls.mask("jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
  }

  @Test
  void findsTheFirstHostAndPort() {
    assertThat(Urls.host("jdbc:postgresql://10.0.1.9:5433/app", "x")).isEqualTo("10.0.1.9");
    assertThat(Urls.port("jdbc:postgresql://10.0.1.9:5433/app", 1)).isEqualTo(5433);
    assertThat(Urls.port("jdbc:postgresql://db/app", 1)).isEqualTo(1);
    assertThat(Urls.host("jdbc:postgresql://h1:5432,h2:5432/app", "x")).isEqualTo("h1");
    assertThat(Urls.host("PGSimpleDataSource", "r1")).isEqualTo("r1");
  }
}
