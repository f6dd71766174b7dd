package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every module's {@code junit-platform.properties} sets a default timeout so a deadlock fails the
 * build; this checks that the file is on the test class path and that JUnit reads the key.
 */
class DefaultTimeoutTest {

  private static volatile Optional<String> seen = Optional.empty();

  @RegisterExtension
  static final BeforeEachCallback readConfiguration =
      context ->
          seen = context.getConfigurationParameter("junit.jupiter.execution.timeout.default");

  @Test
  void junitReadsTheDefaultTimeout() {
    assertThat(seen).hasValue("5 m");
  }
}
