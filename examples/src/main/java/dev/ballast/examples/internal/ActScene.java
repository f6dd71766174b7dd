package dev.ballast.examples.internal;

import dev.ballast.testkit.HttpInstance;
import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The state of the act being played: when it started, what happened so far ({@link Event}s), the
 * faults its steps injected (shown next to the instance or node), and the database statistics when
 * it is the database act. Thread-safe: steps run on a script thread, Ballast's listeners on theirs,
 * the view reads from the act's thread.
 */
public final class ActScene {

  private final Stage stage;
  private final long startNanos;
  private final @Nullable DbStats dbStats;
  private final List<Event> events = new ArrayList<>();
  private final Map<String, String> faults = new ConcurrentHashMap<>();
  private final Map<String, Boolean> watched = new ConcurrentHashMap<>();

  /** A scene starting now. */
  public ActScene(Stage stage, @Nullable DbStats dbStats) {
    this.stage = stage;
    this.dbStats = dbStats;
    this.startNanos = System.nanoTime();
  }

  /** The stage. */
  public Stage stage() {
    return stage;
  }

  /** Seconds since the act started. */
  public double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The instances in the caller's zone. */
  public List<HttpInstance> localInstances() {
    return stage.localInstances();
  }

  /** The cluster; only for database acts. */
  public PostgresCluster cluster() {
    PostgresCluster c = stage.cluster();
    if (c == null) {
      throw new IllegalStateException("the database was not started");
    }
    return c;
  }

  /** The replica that the caller prefers for reads: the one in the local zone, else {@code r1}. */
  public PgNode preferredReplica() {
    for (PgNode r : cluster().replicas()) {
      if (r.zone().equals(stage.localZone())) {
        return r;
      }
    }
    return cluster().replicas().get(0);
  }

  /** The replica that is promoted when the primary dies: the one that is not preferred. */
  public PgNode promotionCandidate() {
    PgNode preferred = preferredReplica();
    for (PgNode r : cluster().replicas()) {
      if (!r.name().equals(preferred.name())) {
        return r;
      }
    }
    return preferred;
  }

  /** The database statistics; only for database acts. */
  public DbStats dbStats() {
    DbStats s = dbStats;
    if (s == null) {
      throw new IllegalStateException("not a database act");
    }
    return s;
  }

  /** Records a step's caption as an event now. */
  public void note(String text) {
    add(new Event(seconds(), Event.Kind.STEP, text));
  }

  /** Records what Ballast did as an event now. */
  public void ballast(String text) {
    add(new Event(seconds(), Event.Kind.BALLAST, text));
  }

  private synchronized void add(Event event) {
    events.add(event);
  }

  /** Every event so far, oldest first. */
  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /**
   * Marks an instance or node with the fault injected into it ({@code "killed"}, {@code "+120
   * ms"}); an empty label removes the mark.
   */
  public void fault(String name, String label) {
    if (label.isEmpty()) {
      faults.remove(name);
    } else {
      faults.put(name, label);
    }
  }

  /**
   * Asks the runner to say when {@code instance}'s share of calls has drained (the effect a step
   * wants the audience to see).
   */
  public void watchShare(String instance) {
    watched.putIfAbsent(instance, Boolean.FALSE);
  }

  /**
   * Whether {@code instance} is watched and its drain not yet reported; marks it reported when
   * {@code drained}.
   */
  public boolean reportDrain(String instance, boolean drained) {
    return drained && watched.replace(instance, Boolean.FALSE, Boolean.TRUE);
  }

  /** The fault mark of an instance or node; empty when none. */
  public String faultOf(String name) {
    return faults.getOrDefault(name, "");
  }
}
