package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.lang.reflect.Proxy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watch of one borrow: it interrupts the borrower only with a verdict, and the borrower leaves
 * with its interrupt flag as it was before the watch.
 */
class BorrowWatchTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final HikariDataSource hikari = new HikariDataSource(); // never started

  @AfterEach
  void stop() {
    timer.shutdownNow();
    hikari.close();
  }

  /** A pool MXBean that reports {@code total} open connections. */
  private static HikariPoolMXBean pool(int total) {
    return (HikariPoolMXBean)
        Proxy.newProxyInstance(
            HikariPoolMXBean.class.getClassLoader(),
            new Class<?>[] {HikariPoolMXBean.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getTotalConnections")) {
                return total;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void aHostNoLongerWantedEndsTheWaitAndTheBorrowerLeavesWithoutTheInterrupt() {
    hikari.setMaximumPoolSize(2);
    AtomicInteger rechecks = new AtomicInteger();
    BorrowWatch watch =
        new BorrowWatch(
            Thread.currentThread(),
            hikari,
            pool(2),
            () -> false,
            rechecks::incrementAndGet,
            false,
            timer);
    watch.arm(1);
    boolean interrupted = false;
    try {
      Thread.sleep(30_000); // stands for HikariCP's wait; only the watch ends it
    } catch (InterruptedException e) {
      interrupted = true;
    }
    assertThat(interrupted).isTrue();
    assertThat(watch.finish()).isEqualTo(BorrowWatch.Verdict.NOT_WANTED);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(rechecks).hasValue(1);
  }

  @Test
  void aReplicaPoolThatIsNotFullIsGivenUpOnAtTheFirstCheck() {
    hikari.setMaximumPoolSize(4);
    AtomicInteger rechecks = new AtomicInteger();
    BorrowWatch watch =
        new BorrowWatch(
            Thread.currentThread(),
            hikari,
            pool(1),
            () -> true,
            rechecks::incrementAndGet,
            true,
            timer);
    watch.arm(1);
    try {
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      // expected
    }
    assertThat(watch.finish()).isEqualTo(BorrowWatch.Verdict.CANNOT_CONNECT);
    assertThat(watch.openAtVerdict()).isEqualTo(1);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(rechecks).hasValue(0);
  }

  @Test
  void aBorrowThatEndsFirstKeepsTheApplicationsInterrupt() {
    hikari.setMaximumPoolSize(2);
    BorrowWatch watch =
        new BorrowWatch(
            Thread.currentThread(), hikari, pool(2), () -> false, () -> {}, false, timer);
    watch.arm(60_000); // the borrow surely ends before the first check
    Thread.currentThread().interrupt(); // the application's own interrupt
    assertThat(watch.finish()).isEqualTo(BorrowWatch.Verdict.NONE);
    assertThat(Thread.interrupted()).as("the application's interrupt is kept").isTrue();
  }
}
