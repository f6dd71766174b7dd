package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.internal.Hashing;
import java.util.Set;

/**
 * Per-call inputs to a pick: endpoints to avoid (already tried by earlier attempts) and an optional
 * affinity key for consistent hashing. Immutable; {@link #DEFAULT} costs nothing.
 */
public final class PickContext {
  /** No exclusions, no affinity. */
  public static final PickContext DEFAULT = new PickContext(Set.of(), 0L, false);

  private final Set<Endpoint> excluded;
  private final boolean hasExclusions;
  private final long affinityHash;
  private final boolean hasAffinity;

  private PickContext(Set<Endpoint> excluded, long affinityHash, boolean hasAffinity) {
    this.excluded = excluded;
    this.hasExclusions = !excluded.isEmpty();
    this.affinityHash = affinityHash;
    this.hasAffinity = hasAffinity;
  }

  /** A context that avoids the given endpoints (typically those already tried). */
  public static PickContext excluding(Set<Endpoint> excluded) {
    return new PickContext(Set.copyOf(requireNonNull(excluded, "excluded")), 0L, false);
  }

  /** A context whose calls with equal keys go to the same endpoint under {@code ring-hash}. */
  public static PickContext withAffinity(String key) {
    return new PickContext(Set.of(), Hashing.hash(requireNonNull(key, "key")), true);
  }

  /** This context plus one more endpoint to avoid. */
  public PickContext exclude(Endpoint endpoint) {
    java.util.HashSet<Endpoint> set = new java.util.HashSet<>(excluded);
    set.add(requireNonNull(endpoint, "endpoint"));
    return new PickContext(Set.copyOf(set), affinityHash, hasAffinity);
  }

  /** This context with an affinity key. */
  public PickContext affinity(String key) {
    return new PickContext(excluded, Hashing.hash(requireNonNull(key, "key")), true);
  }

  /** Endpoints to avoid; never null. */
  public Set<Endpoint> excluded() {
    return excluded;
  }

  /** Whether {@code endpoint} must be avoided. */
  public boolean isExcluded(Endpoint endpoint) {
    // First attempts (the common case) carry no exclusions: skip the set entirely.
    return hasExclusions && excluded.contains(endpoint);
  }

  /** Whether an affinity key was given. */
  public boolean hasAffinity() {
    return hasAffinity;
  }

  /** 64-bit hash of the affinity key (0 without one). */
  public long affinityHash() {
    return affinityHash;
  }
}
