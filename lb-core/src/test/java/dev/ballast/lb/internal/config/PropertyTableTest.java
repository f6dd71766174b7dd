package dev.ballast.lb.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PropertyTableTest {
  private static PropertyTable table(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return new PropertyTable(p);
  }

  @Test
  void aPrefixCoversOnlyTheKeysThatStartWithIt() {
    // '.' sorts before '2' and 'x': keys of a longer name sit right after the prefix's range.
    PropertyTable t =
        table(
            "ballast.a.services.orders.strategy", "random",
            "ballast.a.services.orders2.strategy", "random",
            "ballast.a.servicesx", "1",
            "ballast.a.services.", "bare prefix",
            "ballast.a.service", "shorter",
            "ballast.b.services.orders.strategy", "random");

    assertThat(t.names("ballast.a.services.")).containsExactly("orders", "orders2");
    assertThat(t.passthrough("ballast.a.services.orders."))
        .as("a key equal to the prefix is not under it")
        .containsExactly(Map.entry("strategy", "random"));
    assertThat(t.unconsumed("ballast.a.services."))
        .containsOnlyKeys("ballast.a.services.", "ballast.a.services.orders2.strategy");
    assertThat(t.names("ballast.c.")).isEmpty();
  }

  @Test
  void theFirstPresentKeyWinsEvenWhenItIsInvalidAndEveryPresentOneIsValidated() {
    PropertyTable t = table("svc.n", "x", "defaults.n", "y", "svc.m", "", "defaults.m", "7");

    assertThat(t.read(List.of("svc.n", "defaults.n"), "an integer", Integer::parseInt)).isEmpty();
    assertThat(t.read(List.of("svc.m", "defaults.m"), "an integer", Integer::parseInt)).isEmpty();
    assertThat(t.read(List.of("svc.o", "defaults.m"), "an integer", Integer::parseInt)).contains(7);
    assertThat(t.problems().lines())
        .containsExactly(
            "svc.n: x (expected: an integer)",
            "defaults.n: y (expected: an integer)",
            "svc.m: (empty) (expected: an integer)");
  }

  @Test
  void keysAskedForAreKnownAndKeysFoundAreConsumed() {
    PropertyTable t = table("a.set", "1", "a.other", "2");

    t.read(List.of("a.unset", "a.set"), "anything", v -> v);
    t.required(List.of("a.missing"), "a value");

    assertThat(t.knownKeys()).containsExactly("a.unset", "a.set", "a.missing");
    assertThat(t.unconsumed("a.")).containsOnlyKeys("a.other");
    assertThat(t.describe()).isEqualTo("a.set=1");
    assertThat(t.problems().lines()).containsExactly("a.missing: (missing) (expected: a value)");
    assertThat(t.firstPresent(List.of("a.unset", "a.set", "a.other"))).contains("a.set");
  }
}
