package dev.ballast.reliability.internal;

import dev.ballast.reliability.Invariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a soak observed when its load stopped, and the invariants judged from it. {@link SoakChecks}
 * fills it from the real run; kept apart from the gathering so that the judging can be fed a
 * synthetic run (a lost write, a stale read) and shown to flag it. A new instance describes a clean
 * run. Filled and read by one thread.
 */
final class LoadEnd {
  long httpCalls;
  long idempotentFailures;
  long excusedIdempotentFailures;
  List<String> httpFailureSamples = List.of();

  int acknowledgedWrites;
  Set<Long> missingWrites = Set.of();
  String primary = "(none)";

  long staleReads;
  long readBacks;

  /**
   * Failure times (nanoTime) and the windows, {@code [from, to]}, in which failures are allowed.
   */
  List<Long> writeFailureTimes = List.of();

  List<long[]> writeGrace = List.of();
  long writeFailures;
  Map<String, Long> writeFailureKinds = Map.of();
  List<Long> readFailureTimes = List.of();
  List<long[]> readGrace = List.of();
  long readFailures;
  String readFailureKinds = "";
  String writeGraceText = "";
  String readGraceText = "";

  /** HTTP calls still counted in flight, and whether that count was read after they drained. */
  long inFlight;

  boolean drained = true;
  long poolActive;
  List<String> perPool = List.of();

  long unexpectedErrors;
  List<String> errorSamples = List.of();
  long faultsNotRun;
  int faultsPlanned;

  /** The end-of-load invariants, in the order the report lists them. */
  List<Invariant> invariants() {
    List<Invariant> out = new ArrayList<>();
    out.add(
        Invariant.atMost(
            "No failed idempotent HTTP request while a zone has a healthy instance",
            0,
            idempotentFailures,
            String.format(
                Locale.ROOT,
                "of %d calls (%d excused: no healthy instance); samples: %s",
                httpCalls,
                excusedIdempotentFailures,
                httpFailureSamples.stream().limit(3).toList())));
    out.add(
        Invariant.atMost(
            "No acknowledged write lost",
            0,
            missingWrites.size(),
            String.format(
                Locale.ROOT,
                "missing of %d acknowledged, checked on %s",
                acknowledgedWrites,
                primary)));
    out.add(
        Invariant.atMost(
            "No stale read under read-your-writes=lsn",
            0,
            staleReads,
            "of " + readBacks + " read-backs"));
    out.add(
        Invariant.atMost(
            "Writes fail only during a failover (until " + writeGraceText + " after the promotion)",
            0,
            outside(writeFailureTimes, writeGrace),
            String.format(
                Locale.ROOT, "outside; %d failed in all %s", writeFailures, writeFailureKinds)));
    out.add(
        Invariant.atMost(
            "Reads fail only on connections a replica stop or failover killed (within "
                + readGraceText
                + ")",
            0,
            outside(readFailureTimes, readGrace),
            String.format(
                Locale.ROOT, "outside; %d failed in all %s", readFailures, readFailureKinds)));
    out.add(
        Invariant.atMost(
            "HTTP in-flight counters return to 0",
            0,
            inFlight,
            drained ? "within 5 s of the load's end" : "5 s after the load's end"));
    out.add(
        Invariant.atMost("JDBC pool active connections return to 0", 0, poolActive, "" + perPool));
    out.add(
        Invariant.atMost(
            "No unexpected error in load workers or fault injection",
            0,
            unexpectedErrors,
            errorSamples.isEmpty() ? "" : errorSamples.stream().limit(3).toList().toString()));
    out.add(
        Invariant.atMost(
            "Every planned fault was applied", 0, faultsNotRun, "not applied of " + faultsPlanned));
    return out;
  }

  private static long outside(List<Long> times, List<long[]> windows) {
    long n = 0;
    for (long t : times) {
      boolean inside = false;
      for (long[] w : windows) {
        if (t >= w[0] && t <= w[1]) {
          inside = true;
          break;
        }
      }
      if (!inside) {
        n++;
      }
    }
    return n;
  }
}
