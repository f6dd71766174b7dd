package dev.ballast.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays the whole demo in this JVM with 8-second acts (the demo's default), against real local
 * servers, and checks that the story it tells is true: what each act promises is what the caller
 * measured. Shorter acts leave a loaded CI machine too little time for the shares to settle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEndToEndTest {

  @TempDir static Path reportDir;

  private Summary summary;
  private String output;

  @BeforeAll
  void playEveryAct() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    summary =
        Demo.run(
            new String[] {"--duration", "8s", "--report-dir", reportDir.toString()},
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  private ActResult act(int number) {
    return summary.act(number).orElseThrow(() -> new AssertionError("act " + number + " missing"));
  }

  @Test
  void playsTheFiveActsInOrder() {
    assertThat(summary.acts()).extracting(ActResult::number).containsExactly(1, 2, 3, 4, 5);
    assertThat(output).contains("== Act 1/5: steady state ==", "Summary", "report.html");
  }

  @Test
  void noCallFailsInTheFirstThreeActs() {
    for (int number : List.of(1, 2, 3)) {
      ActResult act = act(number);
      assertThat(act.calls()).as("calls in act %d\n%s", number, output).isGreaterThan(50);
      assertThat(act.failures()).as("failures in act %d\n%s", number, output).isZero();
    }
  }

  @Test
  void steadyStateKeepsTrafficInTheLocalZone() {
    assertThat(act(1).localShare()).as(output).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void theKilledInstanceStopsGettingCallsAndTheRestMovesOn() {
    ActResult act = act(2);
    // a1 dies 30% into the act: until then it serves about half, afterwards nothing.
    assertThat(act.instanceShares().get("a1")).as(output).isLessThan(0.35);
    assertThat(act.instanceShares().get("a2")).as(output).isGreaterThan(0.4);
  }

  @Test
  void theSlowInstanceLosesItsShare() {
    ActResult act = act(3);
    // a2 turns slow 25% into the act; an even split all along would give it 50%.
    assertThat(act.instanceShares().get("a2")).as(output).isLessThan(0.3);
    assertThat(act.localShare()).as(output).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void anUnhealthyZoneSpillsToTheOthers() {
    ActResult act = act(4);
    assertThat(act.localShare()).as(output).isLessThan(0.8);
    assertThat(act.zoneShares().get("b") + act.zoneShares().get("c")).as(output).isGreaterThan(0.2);
    assertThat(act.lowestLocalShare()).as(output).isLessThan(0.25);
  }

  @Test
  void databaseReadsSeeTheirOwnWritesAndWritesFollowThePromotion() {
    DatabaseResult db = act(5).database().orElseThrow();
    assertThat(db.readYourWritesChecks()).as(output).isGreaterThan(50);
    assertThat(db.staleReads()).as(output).isZero();
    assertThat(db.writesByNode().get("primary")).as(output).isPositive();
    assertThat(db.readsByNode().get("r1") + db.readsByNode().get("r2"))
        .as(output)
        .isGreaterThan(db.readsByNode().get("primary"));
    assertThat(db.newPrimary()).contains("r2");
    assertThat(db.writesOnNewPrimary()).as(output).isPositive();
    assertThat(db.failoverTime()).as(output).isPresent();
  }

  /** Ballast's threads still alive, polling until there are none or the time is up. */
  private static List<String> ballastThreadsAfterAtMost(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      List<String> alive =
          Thread.getAllStackTraces().keySet().stream()
              .filter(Thread::isAlive)
              .map(Thread::getName)
              .filter(n -> n.startsWith("ballast-"))
              .collect(Collectors.toList());
      if (alive.isEmpty() || System.nanoTime() > deadline) {
        return alive;
      }
      Thread.sleep(50); // waiting on real threads to end, not on time logic
    }
  }

  @Test
  void writesTheReportAndNothingElseIsLeftRunning() throws InterruptedException {
    assertThat(summary.reportFile()).exists();
    assertThat(reportDir.resolve("http-traffic-share.png")).exists();
    assertThat(reportDir.resolve("database.png")).exists();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
        .as("child processes (PostgreSQL) left running")
        .isZero();
    assertThat(ballastThreadsAfterAtMost(15_000)).as("threads left running").isEmpty();
  }
}
