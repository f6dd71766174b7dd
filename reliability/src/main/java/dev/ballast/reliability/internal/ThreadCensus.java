package dev.ballast.reliability.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which threads live now, to tell what a run left behind: take a census before, another after, and
 * compare. Threads that the JDK or Netty start once per JVM and keep (or end on their own schedule)
 * are ignored: they are not leaks of the code under test.
 */
public final class ThreadCensus {
  /** JVM-wide helpers that come and go on their own schedule. */
  private static final Pattern JVM_WIDE =
      Pattern.compile(
          "(process reaper.*|globalEventExecutor.*|ObjectCleanerThread|Common-Cleaner|Cleaner-\\d+|"
              + "PostgreSQL-JDBC-Cleaner|"
              + "ForkJoinPool\\.commonPool.*|Attach Listener|surefire-forkedjvm.*|"
              + "timeline-sampler|awaitility.*|Keep-Alive-Timer|JNA Cleaner|Java2D Disposer|AWT-.*|"
              + "Signal Dispatcher|Finalizer|Reference Handler|Notification Thread)");

  private final Set<Long> ids;

  private ThreadCensus(Set<Long> ids) {
    this.ids = ids;
  }

  /** The threads alive now. */
  public static ThreadCensus take() {
    Set<Long> ids = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()) {
        ids.add(t.getId());
      }
    }
    return new ThreadCensus(ids);
  }

  /** Live threads now that were not alive at this census, JVM-wide helpers excepted. */
  public List<String> newThreadsSince() {
    List<String> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !ids.contains(t.getId()) && !JVM_WIDE.matcher(t.getName()).matches()) {
        out.add(t.getName());
      }
    }
    out.sort(null);
    return out;
  }

  /** Live threads whose names match {@code pattern}. */
  public static List<String> alive(Pattern pattern) {
    List<String> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && pattern.matcher(t.getName()).matches()) {
        out.add(t.getName());
      }
    }
    out.sort(null);
    return out;
  }

  /** The number of live threads. */
  public static int count() {
    return Thread.activeCount();
  }
}
