package dev.ballast.testkit.internal.pg;

import dev.ballast.testkit.PgClusterException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The process lifecycle of one PostgreSQL server: a data directory, a port and zonky's {@link
 * EmbeddedPostgres} as the launcher. zonky's instance cannot be restarted once closed, so every
 * {@link #start()} builds a new one on the same directory and port; the port is picked on the first
 * start and kept.
 *
 * <p>zonky's own shutdown hook is disabled (it would pile up one hook per restart); {@link
 * ServerReaper} covers JVM exit instead. Thread-safe: lifecycle methods are synchronized.
 */
public final class PgServer {

  private static final int LOG_TAIL_LINES = 30;

  private final String name;
  private final Path dataDirectory;
  private final Path logFile;
  private final Map<String, String> settings;
  private final Duration startupTimeout;

  private int port;
  private @Nullable EmbeddedPostgres embedded;
  private volatile @Nullable ProcessHandle postmaster;
  private volatile long generation;

  /**
   * @param name node name, used in messages
   * @param dataDirectory an empty or missing directory (initdb runs) or an existing cluster
   * @param logFile where the server's and its tools' output is appended
   * @param settings server settings passed on the command line; they override anything set with
   *     {@code ALTER SYSTEM}, so settings that tests change at run time must not be among them
   * @param startupTimeout how long to wait for the server to accept connections
   */
  public PgServer(
      String name,
      Path dataDirectory,
      Path logFile,
      Map<String, String> settings,
      Duration startupTimeout) {
    this.name = name;
    this.dataDirectory = dataDirectory;
    this.logFile = logFile;
    this.settings = new LinkedHashMap<>(settings);
    this.startupTimeout = startupTimeout;
  }

  /** The node name this server was created for. */
  public String name() {
    return name;
  }

  /** The data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The port, or 0 before the first start. */
  public synchronized int port() {
    return port;
  }

  /**
   * Changes with every start and stop, so sessions opened before can tell they are stale (a
   * restarted server on the same port would otherwise look like the same one).
   */
  public long generation() {
    return generation;
  }

  /** Whether the postmaster process is alive. */
  public synchronized boolean isRunning() {
    ProcessHandle current = postmaster;
    return current != null && PostmasterProcesses.isAlive(current);
  }

  /**
   * Starts the server and waits until it answers {@code SELECT 1}. Does nothing if it is running.
   *
   * @throws PgClusterException with the tail of the server log if it does not come up
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    discardStoppedInstance();
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(startupTimeout)
            .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
            .setErrorRedirector(Redirect.appendTo(logFile.toFile()));
    if (port != 0) {
      builder.setPort(port);
    }
    settings.forEach(builder::setServerConfig);
    try {
      EmbeddedPostgres started = builder.start();
      embedded = started;
      port = started.getPort();
      postmaster = PostmasterProcesses.find(dataDirectory).orElse(null);
      generation++;
    } catch (IOException | RuntimeException e) {
      // zonky gives up waiting but leaves the server starting in the background
      PostmasterProcesses.find(dataDirectory)
          .ifPresent(p -> PostmasterProcesses.awaitExitOrKill(p, Duration.ZERO));
      throw new PgClusterException(
          name + ": PostgreSQL did not start in " + dataDirectory + logTail(), e);
    }
    if (postmaster == null) {
      throw new PgClusterException(
          name + ": PostgreSQL started but wrote no postmaster.pid in " + dataDirectory);
    }
  }

  /**
   * Stops the server with a fast shutdown ({@code pg_ctl stop -m fast}) and waits until the
   * postmaster has exited, killing it and its children if it has not after {@code grace}. Does
   * nothing if the server is not running. Never throws for a server that refuses to stop.
   */
  public synchronized void stop(Duration grace) {
    EmbeddedPostgres current = embedded;
    embedded = null;
    generation++;
    if (current != null) {
      try {
        // zonky logs and swallows pg_ctl failures; the check below covers them
        current.close();
      } catch (IOException | RuntimeException e) {
        // covered below
      }
    }
    ProcessHandle process = postmaster;
    postmaster = null;
    if (process != null) {
      PostmasterProcesses.awaitExitOrKill(process, grace);
    }
    // a server this JVM lost track of (failed start) must not survive either
    PostmasterProcesses.find(dataDirectory)
        .ifPresent(p -> PostmasterProcesses.awaitExitOrKill(p, Duration.ZERO));
  }

  /**
   * Ends the server at once, without pg_ctl: immediate shutdown (SIGQUIT), SIGKILL for it and its
   * children if that does not work. For JVM shutdown and failed starts.
   */
  public void kill() {
    Optional.ofNullable(postmaster)
        .or(() -> PostmasterProcesses.find(dataDirectory))
        .ifPresent(p -> PostmasterProcesses.awaitExitOrKill(p, Duration.ZERO));
  }

  private void discardStoppedInstance() {
    // the server died or was killed behind zonky's back: release zonky's lock file
    EmbeddedPostgres stale = embedded;
    embedded = null;
    postmaster = null;
    if (stale != null) {
      try {
        stale.close();
      } catch (IOException | RuntimeException e) {
        // nothing left to stop
      }
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return tail.isEmpty()
          ? ""
          : "; server log " + logFile + " ends with:\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "; no server log at " + logFile;
    }
  }

  @Override
  public String toString() {
    return name + "@127.0.0.1:" + port;
  }
}
