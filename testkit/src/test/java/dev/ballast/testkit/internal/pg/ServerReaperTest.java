package dev.ballast.testkit.internal.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerReaperTest {

  @TempDir Path temp;

  @Test
  void sweepRemovesDirectoriesOfDeadOwnersAndKeepsLiveOrUnclaimedOnes() throws Exception {
    Path orphan = Files.createDirectories(temp.resolve("ballast-pg-orphan/primary"));
    Files.writeString(orphan.getParent().resolve(ServerReaper.OWNER_FILE), deadPid() + " 1");
    Path mine = Files.createDirectories(temp.resolve("ballast-pg-mine/primary"));
    ServerReaper.claim(mine.getParent());
    Path unclaimed = Files.createDirectories(temp.resolve("ballast-pg-unclaimed"));
    Path unrelated = Files.createDirectories(temp.resolve("other-dir"));
    Files.writeString(unrelated.resolve(ServerReaper.OWNER_FILE), deadPid() + " 1");

    ServerReaper.sweepOrphans(temp, "ballast-pg-");

    assertThat(orphan.getParent()).doesNotExist();
    assertThat(mine).exists();
    assertThat(unclaimed).exists();
    assertThat(unrelated).exists();
  }

  @Test
  void sweepTreatsAReusedPidWithAnotherStartTimeAsDead() throws IOException {
    Path root = Files.createDirectories(temp.resolve("ballast-pg-reused"));
    // this JVM's pid, but a start time that is not this JVM's
    Files.writeString(root.resolve(ServerReaper.OWNER_FILE), ProcessHandle.current().pid() + " 1");

    ServerReaper.sweepOrphans(temp, "ballast-pg-");

    assertThat(root).doesNotExist();
  }

  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }
}
