package dev.ballast.examples.internal;

import dev.ballast.testkit.PgNode;
import java.util.List;

/**
 * Act 5: reads on replicas, writes on the primary; a replica stops replaying and is left out while
 * read-your-writes holds; the primary dies, a replica is promoted and writes follow it.
 */
final class DatabaseAct implements Act {

  @Override
  public int number() {
    return 5;
  }

  @Override
  public String title() {
    return "database: replicas, lag and failover";
  }

  @Override
  public boolean database() {
    return true;
  }

  @Override
  public List<String> story(ActScene scene) {
    PgNode paused = scene.preferredReplica();
    PgNode promoted = scene.promotionCandidate();
    return List.of(
        "Writers insert a row and read it straight back; readers read. Writes go to the primary,",
        "reads to the replicas (" + paused.name() + " is in this zone, so it is preferred).",
        "Then "
            + paused.name()
            + " stops replaying WAL: it falls behind and is left out, yet every writer still",
        "reads its own write (read-your-writes=lsn). Then the primary dies and "
            + promoted.name()
            + " is promoted:",
        "with topology=auto, writes follow it without a restart.");
  }

  @Override
  public List<Step> script(ActScene scene) {
    PgNode primary = scene.cluster().primary();
    PgNode paused = scene.preferredReplica();
    PgNode promoted = scene.promotionCandidate();
    return List.of(
        Step.say(0, "writes on the primary, reads on the replicas"),
        Step.of(
            0.25,
            paused.name() + " pauses WAL replay (pg_wal_replay_pause)",
            () -> {
              scene.fault(paused.name(), "replay paused");
              scene.watchShare(paused.name());
              paused.pauseReplay();
            }),
        Step.of(
            0.5,
            paused.name() + " resumes replay and catches up",
            () -> {
              paused.resumeReplay();
              scene.fault(paused.name(), "");
            }),
        Step.of(
            0.6,
            "the primary dies",
            () -> {
              scene.fault(primary.name(), "killed");
              scene.dbStats().primaryDown();
              primary.stop();
              scene.note(promoted.name() + " promoted (pg_promote), as a failover manager would");
              scene.dbStats().promoted(promoted.name());
              promoted.promote();
              scene.fault(promoted.name(), "promoted");
            }));
  }
}
