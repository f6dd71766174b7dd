package dev.ballast.benchmarks.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link OverheadServerMain} in a child JVM on this JVM's class path, so that the server's work
 * does not share the client's heap, JIT and GC. The child is killed on {@link #close}, and by a
 * shutdown hook if this JVM exits first; it also exits by itself when its stdin (held here) closes.
 */
final class ServerProcess implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 60;

  private final Process process;
  private final Thread killer;
  private final int port;

  private ServerProcess(Process process, Thread killer, int port) {
    this.process = process;
    this.killer = killer;
    this.port = port;
  }

  /** Starts the server with {@code ioThreads} event loops and waits until it listens. */
  static ServerProcess start(int ioThreads) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xms256m",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            OverheadServerMain.class.getName(),
            "0",
            Integer.toString(ioThreads));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new IllegalStateException("starting the server process: " + command.get(0), e);
    }
    Thread killer = new Thread(process::destroyForcibly, "ballast-bench-server-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try {
      int port = readPort(process);
      return new ServerProcess(process, killer, port);
    } catch (RuntimeException e) {
      kill(process, killer);
      throw e;
    }
  }

  private static int readPort(Process process) {
    BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  if (line.startsWith(OverheadServerMain.READY)) {
                    return Integer.parseInt(line.substring(OverheadServerMain.READY.length()));
                  }
                }
              } catch (IOException e) {
                throw new IllegalStateException("reading the server's stdout", e);
              }
              throw new IllegalStateException("server process ended before it listened");
            });
    try {
      return port.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "server process did not print its port within " + START_TIMEOUT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("server process failed to start", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the server process started", e);
    }
  }

  /** The port the server listens on, on 127.0.0.1. */
  int port() {
    return port;
  }

  @Override
  public void close() {
    kill(process, killer);
  }

  private static void kill(Process process, Thread killer) {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs, and destroying twice is harmless.
    }
  }
}
