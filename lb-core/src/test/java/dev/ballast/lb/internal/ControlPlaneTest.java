package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlPlaneTest {
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "control-test"));

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void withAnExecutorTasksRunThereInOrderNeverOnTheSubmitter() throws Exception {
    ControlPlane control = new ControlPlane(executor);
    List<String> seen = new CopyOnWriteArrayList<>();
    Thread[] submitters = new Thread[4];
    for (int t = 0; t < submitters.length; t++) {
      int id = t;
      submitters[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 500; i++) {
                  int n = i;
                  control.execute(
                      () -> {
                        control.assertInContext();
                        seen.add(id + ":" + n + ":" + Thread.currentThread().getName());
                      });
                }
              });
      submitters[t].start();
    }
    for (Thread t : submitters) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    control.flush().get(30, TimeUnit.SECONDS);

    assertThat(seen).hasSize(2000).allMatch(s -> s.endsWith(":control-test"));
    for (int t = 0; t < submitters.length; t++) {
      String prefix = t + ":";
      List<Integer> order =
          seen.stream()
              .filter(s -> s.startsWith(prefix))
              .map(s -> Integer.parseInt(s.split(":")[1]))
              .toList();
      assertThat(order).as("submitter %d's tasks in submission order", t).isSorted();
    }
  }

  @Test
  void aTaskSubmittedFromATaskRunsAfterItNotInsideIt() throws Exception {
    ControlPlane control = new ControlPlane(executor);
    List<String> seen = new CopyOnWriteArrayList<>();
    control.execute(
        () -> {
          control.execute(() -> seen.add("inner"));
          seen.add("outer");
        });
    // The inner task is queued when the outer one runs, after this first flush: wait for a second
    // flush submitted once the first is done.
    control.flush().thenCompose(v -> control.flush()).get(30, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("outer", "inner");
  }

  @Test
  void flushWaitsForEveryEarlierTask() throws Exception {
    ControlPlane control = new ControlPlane(executor);
    CountDownLatch release = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    control.execute(
        () -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          seen.add("slow");
        });
    var flushed = control.flush();
    assertThat(flushed).isNotDone();
    release.countDown();
    flushed.get(30, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("slow");
  }

  @Test
  void aTaskSubmittedAfterTheExecutorShutDownRunsOnTheSubmitter() {
    ControlPlane control = new ControlPlane(executor);
    executor.shutdown();
    List<String> seen = new CopyOnWriteArrayList<>();
    control.execute(() -> seen.add(Thread.currentThread().getName()));
    assertThat(seen).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void withoutAnExecutorTasksRunOnTheSubmitter() {
    ControlPlane control = new ControlPlane();
    List<String> seen = new CopyOnWriteArrayList<>();
    control.execute(() -> seen.add(Thread.currentThread().getName()));
    assertThat(seen).containsExactly(Thread.currentThread().getName());
    assertThatThrownBy(control::assertInContext)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("not on the load balancer's control plane (thread ");
  }
}
