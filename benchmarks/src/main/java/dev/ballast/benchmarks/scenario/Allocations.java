package dev.ballast.benchmarks.scenario;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the JVM's live threads, except those whose name starts with a given prefix
 * (the in-process test servers), from HotSpot's per-thread allocation counters. Threads that end
 * between two readings take their counts with them, so read around steady-state work only.
 */
final class Allocations {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  /** Sum of allocated bytes of live threads whose names start with none of {@code excluded}. */
  static long allocatedBytesExcept(String... excluded) {
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      boolean skip = false;
      for (String prefix : excluded) {
        skip |= t.getName().startsWith(prefix);
      }
      if (skip) {
        continue;
      }
      long bytes = THREADS.getThreadAllocatedBytes(t.getId());
      if (bytes > 0) {
        total += bytes;
      }
    }
    return total;
  }

  /** Bytes allocated so far by the calling thread. */
  static long currentThread() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }
}
