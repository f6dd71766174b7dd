package dev.ballast.reliability;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, randomized schedule of faults for the chaos soak. The same seed, length and targets
 * always give the same plan ({@link SplittableRandom} is specified to be deterministic), so a soak
 * that found a problem can be replayed.
 *
 * <p>The plan keeps the system degradable rather than dead, so that the soak's invariants are fair:
 *
 * <ul>
 *   <li>HTTP: at most {@value #MAX_HTTP_FAULTS} instances are faulty at any time (every zone of a
 *       six-instance, three-zone farm keeps a healthy instance) and an instance has one fault at a
 *       time.
 *   <li>PostgreSQL: one fault at a time, with a quiet gap after each; at most one {@link
 *       FaultKind#FAILOVER}, between 55 % and 75 % of the run, only with two replicas or more and a
 *       run of 20 s or more. After it the promoted replica is the primary and is no longer a
 *       target.
 *   <li>Nothing starts in the last second, so every fault is undone before the end.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class FaultPlan {
  /** At most this many HTTP instances are faulty at once. */
  public static final int MAX_HTTP_FAULTS = 2;

  private static final FaultKind[] HTTP_KINDS = {
    FaultKind.KILL,
    FaultKind.HANG,
    FaultKind.SLOW,
    FaultKind.ERROR_BURST,
    FaultKind.RESET,
    FaultKind.HEALTH_FLAP
  };
  private static final FaultKind[] REPLICA_KINDS = {
    FaultKind.REPLICA_STOP, FaultKind.REPLICA_PAUSE, FaultKind.REPLICA_DELAY
  };

  private final long seed;
  private final long lengthMillis;
  private final List<Fault> faults;

  private FaultPlan(long seed, long lengthMillis, List<Fault> faults) {
    this.seed = seed;
    this.lengthMillis = lengthMillis;
    this.faults = List.copyOf(faults);
  }

  /**
   * Generates the plan for a run of {@code length}.
   *
   * @param instances HTTP instance ids (at least {@value #MAX_HTTP_FAULTS} + 1)
   * @param replicas replica node names, in order ({@code r1}, {@code r2}, …); may be empty
   * @throws IllegalArgumentException when the length is under 5 s or there are too few instances
   */
  public static FaultPlan generate(
      long seed, Duration length, List<String> instances, List<String> replicas) {
    requireNonNull(length, "length");
    requireNonNull(instances, "instances");
    requireNonNull(replicas, "replicas");
    long total = length.toMillis();
    if (total < 5_000) {
      throw new IllegalArgumentException("length: " + length + " (expected: at least 5 s)");
    }
    if (instances.size() <= MAX_HTTP_FAULTS) {
      throw new IllegalArgumentException(
          "instances: " + instances + " (expected: more than " + MAX_HTTP_FAULTS + ")");
    }
    SplittableRandom root = new SplittableRandom(seed);
    // Separate streams: adding a PostgreSQL fault kind must not reshuffle the HTTP schedule.
    SplittableRandom httpRandom = root.split();
    SplittableRandom pgRandom = root.split();
    List<Fault> faults = new ArrayList<>();
    faults.addAll(httpFaults(httpRandom, total, List.copyOf(instances)));
    faults.addAll(pgFaults(pgRandom, total, List.copyOf(replicas)));
    faults.sort(
        Comparator.comparingLong(Fault::atMillis)
            .thenComparing(Fault::target)
            .thenComparing(Fault::kind));
    return new FaultPlan(seed, total, faults);
  }

  private static List<Fault> httpFaults(SplittableRandom r, long total, List<String> instances) {
    List<Fault> out = new ArrayList<>();
    long end = total - 1_000;
    long t = 500 + r.nextLong(1_000);
    while (t < end) {
      List<String> free = new ArrayList<>(instances);
      int active = 0;
      long earliestEnd = Long.MAX_VALUE;
      for (Fault f : out) {
        if (f.activeAt(t)) {
          active++;
          free.remove(f.target());
          earliestEnd = Math.min(earliestEnd, f.endMillis());
        }
      }
      if (active >= MAX_HTTP_FAULTS) {
        t = earliestEnd;
        continue;
      }
      FaultKind kind = HTTP_KINDS[r.nextInt(HTTP_KINDS.length)];
      String target = free.get(r.nextInt(free.size()));
      long duration = Math.min(httpDuration(r, kind), total - 500 - t);
      out.add(new Fault(t, duration, kind, target, httpParam(r, kind)));
      // Mean gap 1.5 s: a fault starts roughly every other second across the farm.
      t += 250 + (long) (-Math.log(1 - r.nextDouble()) * 1_250);
    }
    return out;
  }

  private static long httpDuration(SplittableRandom r, FaultKind kind) {
    return switch (kind) {
      case KILL -> between(r, 1_000, 4_000);
      case HANG, ERROR_BURST -> between(r, 1_000, 3_000);
      case SLOW, HEALTH_FLAP -> between(r, 2_000, 5_000);
      case RESET -> between(r, 500, 2_000);
      default -> throw new IllegalArgumentException("kind: " + kind + " (expected: an HTTP fault)");
    };
  }

  private static long httpParam(SplittableRandom r, FaultKind kind) {
    return switch (kind) {
      case SLOW -> between(r, 50, 300); // ms of extra latency
      case ERROR_BURST -> r.nextBoolean() ? 1_000 : 500; // per mille answered 503
      case HEALTH_FLAP -> between(r, 200, 600); // ms per flip
      default -> 0;
    };
  }

  private static List<Fault> pgFaults(SplittableRandom r, long total, List<String> replicas) {
    List<Fault> out = new ArrayList<>();
    List<String> targets = new ArrayList<>(replicas);
    boolean failover = replicas.size() >= 2 && total >= 20_000;
    long failoverAt = failover ? (long) (total * (0.55 + 0.2 * r.nextDouble())) : Long.MAX_VALUE;
    long end = total - 1_000;
    long t = 1_000 + r.nextLong(1_000);
    while (t < end && !targets.isEmpty()) {
      if (t >= failoverAt) {
        String promoted = targets.get(r.nextInt(targets.size()));
        out.add(new Fault(t, 0, FaultKind.FAILOVER, promoted, 0));
        targets.remove(promoted);
        failoverAt = Long.MAX_VALUE;
        t += 3_000; // let writes find the new primary before anything else happens
        continue;
      }
      FaultKind kind = REPLICA_KINDS[r.nextInt(REPLICA_KINDS.length)];
      String target = targets.get(r.nextInt(targets.size()));
      long duration =
          switch (kind) {
            case REPLICA_STOP -> between(r, 1_000, 3_000);
            default -> between(r, 2_000, 5_000);
          };
      duration = Math.min(duration, Math.min(total - 500, failoverAt - 500) - t);
      if (duration < 500) {
        t = Math.min(failoverAt, end);
        if (t >= end) {
          break;
        }
        continue;
      }
      long param = kind == FaultKind.REPLICA_DELAY ? between(r, 200, 1_500) : 0;
      out.add(new Fault(t, duration, kind, target, param));
      t += duration + between(r, 1_000, 3_000);
    }
    return out;
  }

  private static long between(SplittableRandom r, long min, long max) {
    return min + r.nextLong(max - min + 1);
  }

  /** The seed the plan was generated from. */
  public long seed() {
    return seed;
  }

  /** The run length the plan covers, in milliseconds. */
  public long lengthMillis() {
    return lengthMillis;
  }

  /** Every fault, ordered by start time (then target, then kind). */
  public List<Fault> faults() {
    return faults;
  }

  /** Whether the plan contains a {@link FaultKind#FAILOVER}. */
  public boolean hasFailover() {
    return faults.stream().anyMatch(f -> f.kind() == FaultKind.FAILOVER);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaultPlan p
        && p.seed == seed
        && p.lengthMillis == lengthMillis
        && p.faults.equals(faults);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seed) * 31 + faults.hashCode();
  }

  /** The seed, the length and one line per fault. */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("FaultPlan seed=")
            .append(seed)
            .append(" length=")
            .append(lengthMillis)
            .append(" ms, ")
            .append(faults.size())
            .append(" faults");
    for (Fault f : faults) {
      sb.append('\n').append(f);
    }
    return sb.toString();
  }
}
