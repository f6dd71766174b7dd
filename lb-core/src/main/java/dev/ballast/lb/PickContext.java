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

  /**
   * {@return a context that avoids the given endpoints (typically those already tried)}
   *
   * @param excluded the endpoints not to pick
   */
  public static PickContext excluding(Set<Endpoint> excluded) {
    return new PickContext(Set.copyOf(requireNonNull(excluded, "excluded")), 0L, false);
  }

  /**
   * {@return a context whose calls with equal keys go to the same endpoint under {@code ring-hash}}
   *
   * @param key the affinity key (for example a user id); equal keys pick the same endpoint while it
   *     is usable
   */
  public static PickContext withAffinity(String key) {
    return new PickContext(Set.of(), Hashing.hash(requireNonNull(key, "key")), true);
  }

  /**
   * {@return this context plus one more endpoint to avoid}
   *
   * @param endpoint the endpoint
   */
  public PickContext exclude(Endpoint endpoint) {
    java.util.HashSet<Endpoint> set = new java.util.HashSet<>(excluded);
    set.add(requireNonNull(endpoint, "endpoint"));
    return new PickContext(Set.copyOf(set), affinityHash, hasAffinity);
  }

  /**
   * {@return this context with an affinity key}
   *
   * @param key the affinity key (for example a user id); equal keys pick the same endpoint while it
   *     is usable
   */
  public PickContext affinity(String key) {
    return new PickContext(excluded, Hashing.hash(requireNonNull(key, "key")), true);
  }

  /** {@return the endpoints to avoid; never null} */
  public Set<Endpoint> excluded() {
    return excluded;
  }

  /**
   * {@return whether {@code endpoint} must be avoided}
   *
   * @param endpoint the endpoint
   */
  public boolean isExcluded(Endpoint endpoint) {
    // First attempts (the common case) carry no exclusions: skip the set entirely.
    return hasExclusions && excluded.contains(endpoint);
  }

  /** {@return whether an affinity key was given} */
  public boolean hasAffinity() {
    return hasAffinity;
  }

  /** {@return the 64-bit hash of the affinity key (0 without one)} */
  public long affinityHash() {
    return affinityHash;
  }
}
