package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation of farm declarations and fault settings: the messages are API. */
class HttpInstanceFarmBuilderTest {

  @Test
  void rejectsInconsistentDeclarations() {
    assertThatThrownBy(() -> HttpInstanceFarm.builder().instances(0))
        .hasMessage("instances: 0 (expected: >= 1)");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().instances(3).zones("a", "b").build())
        .hasMessage("zones: [a, b] (expected: 3 zones, one per instance)");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().instance("a1", "a").instances(2).build())
        .hasMessage(
            "instance: [a1] (expected: either instance(id, zone) or instances(n)/zones(...), not"
                + " both)");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().instance("a1", "a").instance("a1", "b"))
        .hasMessage("id: a1 (expected: unique within the farm)");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().instance("a 1", "a"))
        .hasMessage("id: 'a 1' (expected: non-empty, no whitespace or ';')");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().zones("a;b"))
        .hasMessage("zone: 'a;b' (expected: no whitespace, ';' or ',')");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().build())
        .hasMessage("instances: none (expected: instances(n), zones(...) or instance(id, zone))");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().healthPath("health"))
        .hasMessage("healthPath: health (expected: starts with '/', no query)");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().ioThreads(0))
        .hasMessage("ioThreads: 0 (expected: >= 1)");
    assertThatThrownBy(() -> HttpInstanceFarm.builder().requestLogCapacity(0))
        .hasMessage("requestLogCapacity: 0 (expected: >= 1)");
  }

  @Test
  void rejectsZonesThatWouldGiveTwoInstancesOneId() {
    String[] zones = new String[12];
    java.util.Arrays.fill(zones, "a");
    zones[11] = "a1";
    assertThatThrownBy(() -> HttpInstanceFarm.builder().zones(zones).build())
        .hasMessageStartingWith("zones: [a, a")
        .hasMessageEndingWith("(expected: zones that give unique ids, a11 twice)");
  }

  @Test
  void rejectsOutOfRangeFaultsAndUnknownIds() {
    try (HttpInstanceFarm farm = HttpInstanceFarm.builder().zones("a", "b").build()) {
      HttpInstance a1 = farm.instance("a1");
      assertThatThrownBy(() -> a1.respondWith(99))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("status: 99 (expected: 200..599)");
      assertThatThrownBy(() -> a1.respondWith(503, 1.5))
          .hasMessage("fraction: 1.5 (expected: 0.0..1.0)");
      assertThatThrownBy(() -> a1.respondWith(503, Double.NaN))
          .hasMessage("fraction: NaN (expected: 0.0..1.0)");
      assertThatThrownBy(() -> a1.healthStatus(600))
          .hasMessage("healthStatus: 600 (expected: 200..599)");
      assertThatThrownBy(() -> a1.latency(Duration.ofMillis(-1)))
          .hasMessage("latency: PT-0.001S (expected: >= 0)");
      assertThatThrownBy(() -> a1.latency(Duration.ofMillis(20), Duration.ofMillis(10)))
          .hasMessage("latency: PT0.02S..PT0.01S (expected: min <= max)");
      assertThatThrownBy(() -> farm.instance("c1"))
          .hasMessage("id: c1 (expected: one of [a1, b1])");
      assertThat(a1.toString()).contains("faults[none]");
    }
  }
}
