package dev.ballast.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.HostileResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultStateTest {

  @Test
  void partialStatusHitsExactlyTheFractionEvenlySpread() {
    FaultState faults = FaultState.NONE.withStatus(503, 0.3);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      statuses.add(faults.nextStatus());
    }
    assertThat(statuses).filteredOn(s -> s == 503).hasSize(300);
    // Every window of 10 consecutive requests holds exactly 3 faults.
    for (int start = 0; start + 10 <= 1000; start++) {
      assertThat(statuses.subList(start, start + 10)).filteredOn(s -> s == 503).hasSize(3);
    }
  }

  @Test
  void otherFaultChangesContinueTheStatusSequenceButANewStatusRestartsIt() {
    FaultState faults = FaultState.NONE.withStatus(503, 0.5);
    assertThat(faults.nextStatus()).isEqualTo(200);
    FaultState withLatency = faults.withLatency(1, 1).withHang(false).withHealthStatus(500);
    assertThat(withLatency.nextStatus()).isEqualTo(503);
    assertThat(withLatency.withStatus(502, 0.5).nextStatus()).isEqualTo(200);
  }

  @Test
  void fullAndZeroFractionsNeedNoCounter() {
    assertThat(FaultState.NONE.withStatus(500, 1.0).nextStatus()).isEqualTo(500);
    assertThat(FaultState.NONE.withStatus(500, 0.0).nextStatus()).isEqualTo(200);
    assertThat(FaultState.NONE.nextStatus()).isEqualTo(200);
  }

  @Test
  void rangedLatencyStaysWithinItsBoundsAndVaries() {
    FaultState faults = FaultState.NONE.withLatency(1_000, 2_000);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 10_000; i++) {
      long latency = faults.nextLatencyNanos();
      min = Math.min(min, latency);
      max = Math.max(max, latency);
    }
    assertThat(min).isGreaterThanOrEqualTo(1_000);
    assertThat(max).isLessThanOrEqualTo(2_000);
    // 10 000 uniform draws over 1 001 values: each end is missed by 10% with probability ~1e-44.
    assertThat(max - min).isGreaterThan(800);
    assertThat(FaultState.NONE.withLatency(7, 7).nextLatencyNanos()).isEqualTo(7);
  }

  @Test
  void describesActiveFaults() {
    assertThat(FaultState.NONE).hasToString("faults[none]");
    assertThat(
            FaultState.NONE
                .withLatency(5_000_000, 10_000_000)
                .withStatus(503, 0.5)
                .withHealthStatus(500)
                .withHang(true)
                .withReset(true))
        .hasToString("faults[latency=5.0..10.0ms status=503x0.5 health=500 hang reset]");
  }

  @Test
  void describesHostileRepliesAndIdleClose() {
    assertThat(
            FaultState.NONE.withHostile(HostileResponse.TRUNCATED_BODY).withIdleClose(250_000_000))
        .hasToString("faults[hostile=TRUNCATED_BODY idle-close=250.0ms]");
  }

  @Test
  void hostileAndIdleChangesContinueTheStatusSequence() {
    FaultState faults = FaultState.NONE.withStatus(503, 0.5);
    assertThat(faults.nextStatus()).isEqualTo(200);
    FaultState changed = faults.withHostile(HostileResponse.ENDLESS_CHUNKED_BODY).withIdleClose(1);
    assertThat(changed.nextStatus()).isEqualTo(503);
    assertThat(changed.hostile).isEqualTo(HostileResponse.ENDLESS_CHUNKED_BODY);
    assertThat(changed.idleCloseNanos).isEqualTo(1);
  }
}
