package dev.ballast.testkit.internal.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded set of workers of one instance, as in a server with a thread pool of {@code limit}
 * threads: a request holds a worker for its whole service time (its latency fault), and requests
 * that find every worker busy wait in one FIFO queue shared by all connections. The queueing delay
 * is therefore real, which a fixed per-request latency alone cannot show: an instance driven near
 * its capacity answers later than its latency, and more so the closer it runs to it.
 *
 * <p>All methods are thread-safe (one lock; the work under it is a few field updates). A {@link
 * Job} is started outside the lock, so it may call {@link #release()} re-entrantly.
 */
final class Workers {

  /** No limit: every request is served at once. */
  static final int UNLIMITED = 0;

  /** One queued request. */
  interface Job {
    /** Starts the service; the caller must {@link #release()} when it ends. */
    void start();

    /** {@return whether the request's connection went away, so it is dropped, not served} */
    boolean abandoned();
  }

  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private int limit;
  private int busy;
  private long queuedTotal;
  private int maxDepth;

  Workers(int limit) {
    this.limit = checkLimit(limit);
  }

  static int checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException(
          "concurrencyLimit: " + limit + " (expected: >= 1, or 0 for unlimited)");
    }
    return limit;
  }

  /** Starts {@code job} now when a worker is free, else queues it behind the earlier ones. */
  void submit(Job job) {
    synchronized (this) {
      if (limit != UNLIMITED && (busy >= limit || !queue.isEmpty())) {
        queue.add(job);
        queuedTotal++;
        maxDepth = Math.max(maxDepth, queue.size());
        return;
      }
      busy++;
    }
    job.start();
  }

  /** Frees the worker of a finished job and hands it to the oldest queued one still wanted. */
  void release() {
    List<Job> next = new ArrayList<>(1);
    synchronized (this) {
      busy--;
      drainInto(next);
    }
    next.forEach(Job::start);
  }

  /**
   * Changes the number of workers. Requests in service keep their worker: after a decrease, queued
   * requests wait until fewer than the new limit are busy; after an increase, queued requests start
   * at once on the new workers.
   */
  void limit(int newLimit) {
    checkLimit(newLimit);
    List<Job> next = new ArrayList<>();
    synchronized (this) {
      limit = newLimit;
      drainInto(next);
    }
    next.forEach(Job::start);
  }

  private void drainInto(List<Job> started) {
    while (!queue.isEmpty() && (limit == UNLIMITED || busy < limit)) {
      Job job = queue.removeFirst();
      if (!job.abandoned()) {
        busy++;
        started.add(job);
      }
    }
  }

  synchronized int limit() {
    return limit;
  }

  synchronized int busy() {
    return busy;
  }

  synchronized int queueDepth() {
    return queue.size();
  }

  synchronized long queuedTotal() {
    return queuedTotal;
  }

  synchronized int maxQueueDepth() {
    return maxDepth;
  }

  /** Clears the counters; the queue and the workers in service are left alone. */
  synchronized void resetCounters() {
    queuedTotal = 0;
    maxDepth = queue.size();
  }
}
