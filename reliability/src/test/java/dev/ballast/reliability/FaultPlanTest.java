package dev.ballast.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chaos soak's fault schedule: deterministic per seed, and fair to the invariants. */
class FaultPlanTest {
  private static final List<String> INSTANCES = List.of("a1", "a2", "b1", "b2", "c1", "c2");
  private static final List<String> REPLICAS = List.of("r1", "r2");

  @Test
  void sameSeedGivesTheSameScheduleAndAnotherSeedAnotherOne() {
    FaultPlan first = FaultPlan.generate(42, Duration.ofMinutes(10), INSTANCES, REPLICAS);
    FaultPlan second = FaultPlan.generate(42, Duration.ofMinutes(10), INSTANCES, REPLICAS);
    FaultPlan other = FaultPlan.generate(43, Duration.ofMinutes(10), INSTANCES, REPLICAS);

    assertThat(second.faults()).isEqualTo(first.faults());
    assertThat(second).isEqualTo(first);
    assertThat(second.toString()).isEqualTo(first.toString());
    assertThat(other.faults()).isNotEqualTo(first.faults());
    assertThat(first.faults()).hasSizeGreaterThan(300);
  }

  @Test
  void usesEveryKindOfFault() {
    FaultPlan plan = FaultPlan.generate(42, Duration.ofMinutes(10), INSTANCES, REPLICAS);
    assertThat(plan.faults().stream().map(Fault::kind).distinct())
        .containsExactlyInAnyOrder(FaultKind.values());
  }

  @Test
  void keepsAtMostTwoInstancesFaultyAndOneFaultPerInstance() {
    for (long seed = 0; seed < 50; seed++) {
      FaultPlan plan = FaultPlan.generate(seed, Duration.ofMinutes(2), INSTANCES, REPLICAS);
      List<Fault> http = plan.faults().stream().filter(f -> f.kind().isHttp()).toList();
      for (Fault f : http) {
        List<Fault> overlapping = new ArrayList<>();
        for (Fault o : http) {
          if (o.atMillis() <= f.atMillis() && f.atMillis() < o.endMillis()) {
            overlapping.add(o);
          }
        }
        assertThat(overlapping).as("seed %d at %s", seed, f).hasSizeLessThanOrEqualTo(2);
        assertThat(overlapping.stream().map(Fault::target).distinct().count())
            .as("seed %d at %s", seed, f)
            .isEqualTo(overlapping.size());
      }
    }
  }

  @Test
  void runsDatabaseFaultsOneAtATimeWithOneFailoverAfterWhichThePromotedNodeIsSpared() {
    for (long seed = 0; seed < 50; seed++) {
      FaultPlan plan = FaultPlan.generate(seed, Duration.ofSeconds(45), INSTANCES, REPLICAS);
      List<Fault> pg = plan.faults().stream().filter(f -> !f.kind().isHttp()).toList();
      for (int i = 1; i < pg.size(); i++) {
        assertThat(pg.get(i).atMillis())
            .as("seed %d: %s after %s", seed, pg.get(i), pg.get(i - 1))
            .isGreaterThanOrEqualTo(pg.get(i - 1).endMillis());
      }
      List<Fault> failovers = pg.stream().filter(f -> f.kind() == FaultKind.FAILOVER).toList();
      assertThat(failovers).as("seed %d", seed).hasSize(1);
      Fault failover = failovers.get(0);
      assertThat(failover.atMillis()).isBetween(45_000L * 55 / 100, 45_000L * 80 / 100);
      assertThat(pg)
          .filteredOn(f -> f.atMillis() > failover.atMillis())
          .allSatisfy(f -> assertThat(f.target()).isNotEqualTo(failover.target()));
      assertThat(plan.faults())
          .allSatisfy(f -> assertThat(f.endMillis()).isLessThanOrEqualTo(45_000 - 500));
    }
  }

  @Test
  void noFailoverWithOneReplicaOrAShortRun() {
    assertThat(
            FaultPlan.generate(1, Duration.ofSeconds(45), INSTANCES, List.of("r1")).hasFailover())
        .isFalse();
    assertThat(FaultPlan.generate(1, Duration.ofSeconds(15), INSTANCES, REPLICAS).hasFailover())
        .isFalse();
  }

  @Test
  void rejectsPlansThatCannotBeFair() {
    assertThatThrownBy(() -> FaultPlan.generate(1, Duration.ofSeconds(4), INSTANCES, REPLICAS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length: PT4S (expected: at least 5 s)");
    assertThatThrownBy(
            () -> FaultPlan.generate(1, Duration.ofMinutes(1), List.of("a1", "b1"), REPLICAS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("instances: [a1, b1] (expected: more than 2)");
  }

  @Test
  void parsesTheLongModeArguments() {
    SoakOptions o = SoakOptions.parse("--minutes", "10", "--seed", "7", "--out", "x/y");
    assertThat(o.length()).isEqualTo(Duration.ofMinutes(10));
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.outputDirectory()).hasToString("x/y");
    assertThat(SoakOptions.parse("--seconds", "45").length()).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> SoakOptions.parse("--minutes", "ten"))
        .hasMessage("--minutes: ten (expected: an integer)");
    assertThatThrownBy(() -> SoakOptions.parse("--hours", "1"))
        .hasMessage("--hours: 1 (expected: --minutes N, --seconds N, --seed S or --out DIR)");
    assertThatThrownBy(() -> SoakOptions.parse("--seconds", "5"))
        .hasMessage("length: PT5S (expected: 10 s to 24 h)");
  }
}
