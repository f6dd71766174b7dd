package dev.ballast.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The consistency filters are registered for both position modes — {@code lsn} (either engine) and
 * {@code gtid} (MariaDB/MySQL) — and for no other mode.
 */
class OnPositionReadYourWritesTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Guarded.class);

  @ParameterizedTest
  @CsvSource({"lsn, true", "gtid, true", "window, false", "off, false"})
  void matchesOnlyTheModesThatCarryAPosition(String mode, boolean matches) {
    runner
        .withPropertyValues("ballast.jdbc.read-your-writes=" + mode)
        .run(context -> assertThat(context.containsBean("guarded")).isEqualTo(matches));
  }

  @Test
  void doesNotMatchWhenTheKeyIsUnset() {
    runner.run(context -> assertThat(context.containsBean("guarded")).isFalse());
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(OnPositionReadYourWrites.class)
  static class Guarded {
    @Bean
    String guarded() {
      return "registered";
    }
  }
}
