package dev.ballast.reliability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.reliability.Invariant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The soak's end-of-load invariants fed a synthetic run: a clean one passes, and each defect the
 * soak exists to catch is flagged by its own invariant and by no other.
 */
class LoadEndTest {

  private static final long SECOND = 1_000_000_000L;

  /** A clean run with failures only where they are allowed: inside the fault windows. */
  private static LoadEnd cleanRun() {
    LoadEnd end = new LoadEnd();
    end.httpCalls = 15_000;
    end.excusedIdempotentFailures = 2;
    end.acknowledgedWrites = 5_000;
    end.primary = "r1";
    end.readBacks = 5_000;
    end.writeGrace = List.<long[]>of(new long[] {20 * SECOND, 23 * SECOND});
    end.writeFailureTimes = List.of(20 * SECOND, 21 * SECOND, 23 * SECOND);
    end.writeFailures = 3;
    end.writeFailureKinds = Map.of("57P01", 3L);
    end.writeGraceText = "2 s";
    end.readGrace =
        List.<long[]>of(
            new long[] {10 * SECOND, 12 * SECOND}, new long[] {20 * SECOND, 22 * SECOND});
    end.readFailureTimes = List.of(11 * SECOND, 20 * SECOND);
    end.readFailures = 2;
    end.readGraceText = "1 s";
    end.perPool = List.of("p=0", "r1=0", "r2=0");
    end.faultsPlanned = 28;
    return end;
  }

  private static List<String> flagged(LoadEnd end) {
    return end.invariants().stream().filter(i -> !i.held()).map(Invariant::name).toList();
  }

  private static Invariant named(LoadEnd end, String prefix) {
    return end.invariants().stream()
        .filter(i -> i.name().startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aCleanRunHoldsEveryInvariant() {
    LoadEnd end = cleanRun();
    assertThat(end.invariants()).hasSize(9);
    assertThat(flagged(end)).isEmpty();
  }

  @Test
  void aLostWriteIsFlagged() {
    LoadEnd end = cleanRun();
    end.missingWrites = Set.of(4_711L);
    assertThat(flagged(end)).containsExactly("No acknowledged write lost");
    assertThat(named(end, "No acknowledged write lost").observed())
        .isEqualTo("1 missing of 5000 acknowledged, checked on r1");
  }

  @Test
  void aStaleReadIsFlagged() {
    LoadEnd end = cleanRun();
    end.staleReads = 1;
    assertThat(flagged(end)).containsExactly("No stale read under read-your-writes=lsn");
    assertThat(named(end, "No stale read").observed()).isEqualTo("1 of 5000 read-backs");
  }

  @Test
  void aFailedIdempotentCallIsFlagged() {
    LoadEnd end = cleanRun();
    end.idempotentFailures = 1;
    end.httpFailureSamples = List.of("GET /work: HTTP 503 from a1");
    assertThat(flagged(end))
        .containsExactly("No failed idempotent HTTP request while a zone has a healthy instance");
    assertThat(named(end, "No failed idempotent").observed())
        .isEqualTo(
            "1 of 15000 calls (2 excused: no healthy instance); samples: [GET /work: HTTP 503"
                + " from a1]");
  }

  @Test
  void aLeakedInFlightCallIsFlagged() {
    LoadEnd end = cleanRun();
    end.inFlight = 1;
    end.drained = false;
    assertThat(flagged(end)).containsExactly("HTTP in-flight counters return to 0");
    assertThat(named(end, "HTTP in-flight").observed()).isEqualTo("1 5 s after the load's end");
  }

  @Test
  void aWriteFailureOutsideTheFailoverIsFlagged() {
    LoadEnd end = cleanRun();
    end.writeFailureTimes = List.of(20 * SECOND, 23 * SECOND + 1);
    assertThat(flagged(end))
        .containsExactly("Writes fail only during a failover (until 2 s after the promotion)");
  }

  @Test
  void aReadFailureAwayFromEveryReplicaStopIsFlagged() {
    LoadEnd end = cleanRun();
    end.readFailureTimes = List.of(11 * SECOND, 15 * SECOND);
    assertThat(flagged(end))
        .containsExactly(
            "Reads fail only on connections a replica stop or failover killed (within 1 s)");
  }

  @Test
  void aLeakedPoolConnectionAnUnexpectedErrorAndAnUnappliedFaultAreFlagged() {
    LoadEnd end = cleanRun();
    end.poolActive = 1;
    end.unexpectedErrors = 1;
    end.errorSamples = List.of("worker 3: NullPointerException");
    end.faultsNotRun = 1;
    assertThat(flagged(end))
        .containsExactly(
            "JDBC pool active connections return to 0",
            "No unexpected error in load workers or fault injection",
            "Every planned fault was applied");
  }
}
