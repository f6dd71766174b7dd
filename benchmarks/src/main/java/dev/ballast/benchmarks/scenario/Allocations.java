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

  /** Sum of allocated bytes of live threads not named {@code excludedPrefix…}. */
  static long allocatedBytesExcept(String excludedPrefix) {
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(excludedPrefix)) {
        continue;
      }
      long bytes = THREADS.getThreadAllocatedBytes(t.getId());
      if (bytes > 0) {
        total += bytes;
      }
    }
    return total;
  }
}
