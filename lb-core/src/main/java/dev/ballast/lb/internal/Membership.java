package dev.ballast.lb.internal;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSet;
import dev.ballast.lb.LbConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The endpoints a balancer has now, by id: applies complete endpoint sets in version order, keeps
 * each endpoint's {@link Member} (health, ejection, ramp) and {@link EndpointState} (in-flight
 * count, peak-EWMA) across sets by identity, and tells the other policies who joined and who left.
 *
 * <p>Control plane only, except {@link #published()}, a snapshot safe to read from any thread.
 */
final class Membership {
  /** What the other policies do when endpoints join or leave. */
  interface Listener {
    /**
     * A new endpoint at {@code now}; {@code initial} when it came with the first set, whose
     * endpoints start at full weight rather than ramping up.
     */
    void onAdded(Member m, boolean initial, long now);

    /** An endpoint that left; its timers must stop. */
    void onRemoved(Member m);
  }

  private final LbConfig config;
  private final EndpointState.Feedback feedback;
  private final Listener listener;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private long appliedVersion = -1;
  private boolean initialSetApplied;
  private volatile List<Member> published = List.of();

  Membership(LbConfig config, EndpointState.Feedback feedback, Listener listener) {
    this.config = config;
    this.feedback = feedback;
    this.listener = listener;
  }

  /** Whether {@code set} is newer than the last one applied (stale sets are ignored). */
  boolean isNewer(EndpointSet set) {
    return set.version() > appliedVersion;
  }

  /**
   * Applies a complete, newer set: adds, updates and removes members. Returns whether anything a
   * picker depends on changed; {@link #publish()} afterwards makes the result visible.
   */
  boolean apply(EndpointSet set, long now) {
    appliedVersion = set.version();
    Map<String, Member> next = new LinkedHashMap<>();
    boolean changed = false;
    for (Endpoint e : set.endpoints()) {
      Member m = members.remove(e.id());
      boolean local = isLocal(e);
      if (m == null) {
        m =
            new Member(
                new EndpointState(
                    e,
                    local,
                    feedback,
                    config.peakEwmaDecay().toNanos(),
                    config.failurePenalty().toNanos()));
        listener.onAdded(m, !initialSetApplied, now);
        changed = true;
      } else if (!sameAttributes(m.endpoint(), e)) {
        // Same id, new attributes: the statistics stay, the picker must see the new weight/zone.
        m.stats.update(e, local);
        changed = true;
      }
      next.put(e.id(), m);
    }
    for (Member removed : members.values()) {
      listener.onRemoved(removed);
      changed = true;
    }
    members.clear();
    members.putAll(next);
    initialSetApplied = true;
    return changed;
  }

  /** Publishes the members for {@link #published()}; after the picker, so both agree. */
  void publish() {
    published = List.copyOf(members.values());
  }

  /** The members as last published; any thread. */
  List<Member> published() {
    return published;
  }

  /** The current member with {@code id}, or null. */
  @Nullable Member get(String id) {
    return members.get(id);
  }

  /** Whether {@code m} is still the member for its endpoint (not removed, not replaced). */
  boolean isCurrent(Member m) {
    return members.get(m.endpoint().id()) == m;
  }

  Collection<Member> values() {
    return members.values();
  }

  int size() {
    return members.size();
  }

  /** Members neither unhealthy nor ejected. */
  int usableCount() {
    int n = 0;
    for (Member m : members.values()) {
      if (m.usable()) {
        n++;
      }
    }
    return n;
  }

  /** Members ejected now. */
  int ejectedCount() {
    int n = 0;
    for (Member m : members.values()) {
      if (m.ejected) {
        n++;
      }
    }
    return n;
  }

  private boolean isLocal(Endpoint e) {
    return !config.localZone().isEmpty() && config.localZone().equals(e.zone());
  }

  private static boolean sameAttributes(Endpoint a, Endpoint b) {
    return a.host().equals(b.host())
        && a.port() == b.port()
        && a.zone().equals(b.zone())
        && a.weight() == b.weight()
        && a.metadata().equals(b.metadata());
  }
}
