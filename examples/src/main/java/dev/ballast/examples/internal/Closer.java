package dev.ballast.examples.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Closes what the demo opened, last opened first, exactly once: from the normal end of a run or
 * from the JVM shutdown hook that Ctrl-C triggers, whichever comes first. Thread-safe.
 */
public final class Closer implements AutoCloseable {

  private final Deque<Named> resources = new ArrayDeque<>();
  private final List<String> problems = new ArrayList<>();
  private boolean closed;
  private int closing;

  private static final class Named {
    final String name;
    final AutoCloseable resource;

    Named(String name, AutoCloseable resource) {
      this.name = name;
      this.resource = resource;
    }
  }

  /**
   * Registers {@code resource} to be closed; when this closer is already closed, closes it at once
   * (a late registration during Ctrl-C must not leak).
   *
   * @return {@code resource}
   */
  public <T extends AutoCloseable> T register(String name, T resource) {
    boolean closeNow;
    synchronized (this) {
      closeNow = closed;
      if (!closeNow) {
        resources.push(new Named(name, resource));
      }
    }
    if (closeNow) {
      closeQuietly(new Named(name, resource));
    }
    return resource;
  }

  /** Whether {@link #close()} has started. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Closes every registered resource, last first; a failure is remembered ({@link #problems()}) and
   * the others are still closed. Idempotent. When another thread is closing concurrently (the
   * shutdown hook while the main thread finishes), returns only once every close has ended, waiting
   * at most {@link #MAX_WAIT_MILLIS}: a JVM that exits in the middle of stopping PostgreSQL would
   * leave its processes behind.
   */
  @Override
  public void close() {
    while (true) {
      Named next;
      synchronized (this) {
        closed = true;
        next = resources.poll();
        if (next != null) {
          closing++;
        }
      }
      if (next == null) {
        break;
      }
      try {
        closeQuietly(next);
      } finally {
        synchronized (this) {
          closing--;
          notifyAll();
        }
      }
    }
    awaitOtherClosers();
  }

  /** How long {@link #close()} waits for closes running on other threads. */
  static final long MAX_WAIT_MILLIS = 30_000;

  private synchronized void awaitOtherClosers() {
    long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000L;
    boolean interrupted = false;
    while (closing > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(Math.max(1, left / 1_000_000L));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** What failed to close, one line each. */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  private void closeQuietly(Named named) {
    try {
      named.resource.close();
    } catch (Exception | Error e) {
      synchronized (this) {
        problems.add(named.name + ": " + e);
      }
    }
  }
}
