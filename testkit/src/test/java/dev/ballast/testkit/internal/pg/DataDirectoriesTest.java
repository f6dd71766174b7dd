package dev.ballast.testkit.internal.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoriesTest {

  @TempDir Path temp;

  @Test
  void backupCopyLeavesOutRuntimeStateButKeepsTheDirectoryLayout() throws IOException {
    Path source = temp.resolve("primary");
    write(source, "PG_VERSION", "18");
    write(source, "postgresql.auto.conf", "# auto");
    write(source, "postmaster.pid", "123");
    write(source, "postmaster.opts", "opts");
    write(source, "epg-lock", "");
    write(source, "base/5/1259", "relation");
    write(source, "base/5/pg_internal.init", "cache");
    write(source, "global/pg_control", "control");
    write(source, "pg_wal/000000010000000000000001", "wal");
    Files.createDirectories(source.resolve("pg_wal/archive_status"));
    Files.createDirectories(source.resolve("pg_wal/summaries"));
    write(source, "pg_replslot/r1/state", "slot");
    write(source, "pg_stat_tmp/global.stat", "stats");
    write(source, "pg_subtrans/0000", "subtrans");
    Path target = temp.resolve("replica");

    DataDirectories.copyForBackup(source, target);

    assertThat(target.resolve("PG_VERSION")).hasContent("18");
    assertThat(target.resolve("postgresql.auto.conf")).hasContent("# auto");
    assertThat(target.resolve("base/5/1259")).hasContent("relation");
    assertThat(target.resolve("global/pg_control")).hasContent("control");
    assertThat(target.resolve("postmaster.pid")).doesNotExist();
    assertThat(target.resolve("postmaster.opts")).doesNotExist();
    assertThat(target.resolve("epg-lock")).doesNotExist();
    assertThat(target.resolve("base/5/pg_internal.init")).doesNotExist();
    assertThat(target.resolve("pg_wal/000000010000000000000001")).doesNotExist();
    assertThat(target.resolve("pg_wal/archive_status")).isEmptyDirectory();
    assertThat(target.resolve("pg_wal/summaries")).isEmptyDirectory();
    assertThat(target.resolve("pg_replslot")).isEmptyDirectory();
    assertThat(target.resolve("pg_stat_tmp")).isEmptyDirectory();
    assertThat(target.resolve("pg_subtrans")).isEmptyDirectory();
    // PostgreSQL refuses a data directory that group or others can read
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("base"))))
        .isEqualTo("rwx------");
  }

  @Test
  void stoppedCopyKeepsWalAndDropsOnlyProcessFiles() throws IOException {
    Path source = temp.resolve("template");
    write(source, "PG_VERSION", "18");
    write(source, "postmaster.pid", "123");
    write(source, "epg-lock", "");
    write(source, "pg_wal/000000010000000000000001", "wal");
    write(source, "base/1/pg_internal.init", "cache");
    Path target = temp.resolve("primary");

    DataDirectories.copyStopped(source, target);

    assertThat(target.resolve("PG_VERSION")).hasContent("18");
    assertThat(target.resolve("pg_wal/000000010000000000000001")).hasContent("wal");
    assertThat(target.resolve("base/1/pg_internal.init")).hasContent("cache");
    assertThat(target.resolve("postmaster.pid")).doesNotExist();
    assertThat(target.resolve("epg-lock")).doesNotExist();
  }

  @Test
  void deleteRecursivelyRemovesATreeAndToleratesAMissingOne() throws IOException {
    Path root = temp.resolve("cluster");
    write(root, "a/b/c", "x");
    write(root, "d", "y");

    DataDirectories.deleteRecursively(root);
    DataDirectories.deleteRecursively(root);

    assertThat(root).doesNotExist();
  }

  private static void write(Path root, String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
