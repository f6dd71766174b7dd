package dev.ballast.testkit.internal.mariadb;

import dev.ballast.testkit.MariaDbClusterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One {@code mariadbd} process, a direct child of this JVM, on a port and data directory fixed for
 * its life: {@link #stop()} then {@link #start(boolean)} brings the same data back on the same
 * port. Lifecycle methods are serialized on the instance.
 */
public final class MariaDbServer {

  /** The administrative user every control statement runs as: {@code root} without password. */
  static final String ROOT = "root";

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 15;

  private final String name;
  private final int serverId;
  private final Path base;
  private final Path dataDirectory;
  private final Path logFile;
  private final Duration startupTimeout;
  private final int port;
  private @Nullable Process process;

  /**
   * Reserves a free loopback port for a server that has not started yet.
   *
   * @throws MariaDbClusterException if no port can be reserved
   */
  public MariaDbServer(
      String name,
      int serverId,
      Path base,
      Path dataDirectory,
      Path logFile,
      Duration startupTimeout) {
    this.name = name;
    this.serverId = serverId;
    this.base = base;
    this.dataDirectory = dataDirectory;
    this.logFile = logFile;
    this.startupTimeout = startupTimeout;
    this.port = freePort(name);
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Whether the server process is alive. */
  public synchronized boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /**
   * Starts the server and waits until it accepts connections as {@code root}; does nothing if it
   * runs. With {@code readOnly} the server starts with {@code read_only=1} (a replica).
   *
   * @throws MariaDbClusterException if it exits or does not accept connections in time (the message
   *     ends with the tail of its log)
   */
  public synchronized void start(boolean readOnly) {
    if (isRunning()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(MariaDbBinaries.server(base).getPath());
    command.add("--no-defaults");
    command.add("--basedir=" + base);
    command.add("--datadir=" + dataDirectory);
    command.add("--port=" + port);
    command.add("--bind-address=127.0.0.1");
    // a socket in the data directory keeps every file of the server under the cluster directory
    command.add("--socket=" + dataDirectory.resolve("mariadbd.sock"));
    command.add("--pid-file=" + dataDirectory.resolve("mariadbd.pid"));
    command.add("--log-error=" + logFile);
    command.add("--user=root");
    command.add("--server-id=" + serverId);
    command.add("--log-bin=mysql-bin");
    command.add("--log-slave-updates");
    command.add("--gtid-strict-mode=1");
    command.add("--skip-name-resolve");
    command.addAll(MariaDbLauncher.SMALL_FOOTPRINT);
    // tests must never wait for a disk: durability is not what they test
    command.add("--innodb-flush-log-at-trx-commit=2");
    command.add("--sync-binlog=0");
    command.add("--read-only=" + (readOnly ? "1" : "0"));
    // 11.4 otherwise generates a self-signed TLS certificate at every start: an RSA key pair, which
    // was most of the 3-16 s a start took here, and 35-90 s with 2 cores under load (measured
    // 3.9 s without, under a load average of 24). Tests on loopback need no TLS.
    command.add("--skip-ssl");
    Process started;
    try {
      started =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new MariaDbClusterException(name + ": could not run " + command.get(0) + ": " + e, e);
    }
    process = started;
    awaitConnectable(started);
  }

  /**
   * Stops the server (SIGTERM: a clean shutdown that disconnects sessions) and waits for the
   * process to exit, killing it after 20 s. Does nothing if it is not running.
   */
  public synchronized void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    process = null;
  }

  /** Kills the server at once (SIGKILL); for shutdown hooks and failures. Never throws. */
  public void kill() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A new {@code root} connection to this server, without a default database. */
  public Connection rootConnection() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/?user=" + ROOT + "&connectTimeout=5000");
  }

  private void awaitConnectable(Process started) {
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    @Nullable SQLException last = null;
    while (System.nanoTime() - deadline < 0) {
      if (!started.isAlive()) {
        throw new MariaDbClusterException(
            name + ": mariadbd exited with " + started.exitValue() + " while starting" + logTail());
      }
      try (Connection c = rootConnection()) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    started.destroyForcibly();
    throw new MariaDbClusterException(
        name
            + ": no connection within "
            + startupTimeout
            + " on port "
            + port
            + " (last error: "
            + last
            + ")"
            + logTail(),
        last);
  }

  /** The last lines of the server's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return "; log "
          + logFile
          + ":\n"
          + String.join(
              "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "; no log at " + logFile;
    }
  }

  private static int freePort(String name) {
    // the port is fixed for the node's life, so URLs stay valid across stop and start
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new MariaDbClusterException(name + ": no free loopback port: " + e, e);
    }
  }

  @Override
  public String toString() {
    return name + "@127.0.0.1:" + port;
  }
}
