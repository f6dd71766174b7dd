package dev.ballast.examples.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

  private static final Map<String, String> ALL =
      Map.of(
          "zone", "a",
          "orders.endpoints", "http://127.0.0.1:1;zone=a",
          "db.primary.url", "jdbc:postgresql://127.0.0.1:2/demo",
          "db.r1.url", "jdbc:postgresql://127.0.0.1:3/demo",
          "db.r2.url", "jdbc:postgresql://127.0.0.1:4/demo");

  @Test
  void theShippedFileUsesExactlyTheValuesTheDemoSupplies() {
    assertThat(DemoConfig.load().placeholders()).containsExactlyInAnyOrderElementsOf(ALL.keySet());
  }

  @Test
  void resolvesEveryPlaceholderAndKeepsCommentsAsWritten() {
    DemoConfig config = DemoConfig.load();

    Properties props = config.resolve(ALL, true);

    assertThat(props.getProperty("ballast.zone")).isEqualTo("a");
    assertThat(props.getProperty("ballast.http.services.orders.endpoints"))
        .isEqualTo("http://127.0.0.1:1;zone=a");
    assertThat(props.getProperty("ballast.jdbc.replicas.r2.url"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:4/demo");
    assertThat(props.stringPropertyNames()).allMatch(k -> k.startsWith("ballast."));
    assertThat(config.resolvedText(ALL, true)).contains("# The ${...} placeholders are filled in");
  }

  @Test
  void withoutTheDatabaseItsKeysAreLeftOutAndNeedNoValues() {
    Properties props =
        DemoConfig.load()
            .resolve(Map.of("zone", "b", "orders.endpoints", "http://127.0.0.1:1;zone=a"), false);

    assertThat(props.stringPropertyNames()).noneMatch(k -> k.startsWith("ballast.jdbc."));
    assertThat(props.getProperty("ballast.zone")).isEqualTo("b");
  }

  @Test
  void namesEveryPlaceholderWithoutAValue() {
    DemoConfig config = DemoConfig.of("a=${one}\nb=${two}\n# ${three} is a comment\n");

    assertThatThrownBy(() -> config.resolve(Map.of("one", "1"), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demo.properties: [${two}] (expected: placeholders among [one])");
  }
}
