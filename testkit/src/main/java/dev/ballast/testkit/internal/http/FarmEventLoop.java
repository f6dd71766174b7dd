package dev.ballast.testkit.internal.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one NIO event loop group of a farm, accepting and serving the connections of every instance,
 * on daemon threads named {@code <threadNamePrefix>-<n>}.
 *
 * <p>{@link #shutdown(Duration)} waits for the threads themselves to end, not only for the group's
 * termination future, so a caller may check right after that no thread of the farm is left.
 */
public final class FarmEventLoop {

  private static final Logger log = LoggerFactory.getLogger(FarmEventLoop.class);

  private final EventLoopGroup group;
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /**
   * Creates the group; its threads start lazily, with the first channel registered on them.
   *
   * @param threadCount number of event loop threads, at least 1
   * @param threadNamePrefix prefix of the thread names
   */
  public FarmEventLoop(int threadCount, String threadNamePrefix) {
    AtomicInteger next = new AtomicInteger(1);
    ThreadFactory factory =
        runnable -> {
          // FastThreadLocalThread: Netty's thread locals stay fast and need no cleaner thread.
          Thread thread =
              new FastThreadLocalThread(runnable, threadNamePrefix + "-" + next.getAndIncrement());
          thread.setDaemon(true);
          threads.add(thread);
          return thread;
        };
    this.group = new MultiThreadIoEventLoopGroup(threadCount, factory, NioIoHandler.newFactory());
  }

  /** Returns the group, for bootstrapping servers on it. */
  public EventLoopGroup group() {
    return group;
  }

  /**
   * Shuts the group down at once (no quiet period) and waits, at most {@code timeout} in total, for
   * every thread to end.
   *
   * @return whether every thread ended in time
   */
  public boolean shutdown(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      if (!group.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn("Event loop group did not terminate within {}", timeout);
        return false;
      }
      for (Thread thread : threads) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
        if (thread.isAlive()) {
          log.warn("Thread {} still alive {} after shutdown", thread.getName(), timeout);
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
