package dev.ballast.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workers' queue with jobs that record when they start: order and counts, no clock. */
class WorkersTest {

  private final List<String> started = new ArrayList<>();

  @Test
  void servesAtMostTheLimitAndStartsQueuedJobsOldestFirst() {
    Workers workers = new Workers(2);
    for (int i = 1; i <= 6; i++) {
      workers.submit(job("r" + i));
    }
    assertThat(started).containsExactly("r1", "r2");
    assertThat(workers.busy()).isEqualTo(2);
    assertThat(workers.queueDepth()).isEqualTo(4);
    assertThat(workers.queuedTotal()).isEqualTo(4);
    assertThat(workers.maxQueueDepth()).isEqualTo(4);

    workers.release();
    assertThat(started).containsExactly("r1", "r2", "r3");
    workers.release();
    workers.release();
    assertThat(started).containsExactly("r1", "r2", "r3", "r4", "r5");
    assertThat(workers.busy()).isEqualTo(2);
    assertThat(workers.queueDepth()).isEqualTo(1);
  }

  @Test
  void raisingTheLimitStartsQueuedJobsAtOnceInArrivalOrder() {
    Workers workers = new Workers(1);
    for (int i = 1; i <= 4; i++) {
      workers.submit(job("r" + i));
    }
    workers.limit(3);
    assertThat(started).containsExactly("r1", "r2", "r3");
    workers.submit(job("r5"));
    assertThat(started).as("r5 waits behind r4").containsExactly("r1", "r2", "r3");
    workers.release();
    assertThat(started).containsExactly("r1", "r2", "r3", "r4");
  }

  @Test
  void skipsAbandonedJobsAndHonoursALowerLimitOnlyAsWorkersFree() {
    Workers workers = new Workers(3);
    for (int i = 1; i <= 3; i++) {
      workers.submit(job("r" + i));
    }
    workers.submit(abandoned("gone"));
    workers.submit(job("r5"));
    workers.limit(1);
    workers.release();
    workers.release();
    assertThat(started).as("two of three still serve, one over the new limit").hasSize(3);
    workers.release();
    assertThat(started).containsExactly("r1", "r2", "r3", "r5");
    assertThat(workers.busy()).isEqualTo(1);
    assertThat(workers.queueDepth()).isZero();
  }

  @Test
  void withoutALimitNothingQueues() {
    Workers workers = new Workers(Workers.UNLIMITED);
    for (int i = 1; i <= 100; i++) {
      workers.submit(job("r" + i));
    }
    assertThat(started).hasSize(100);
    assertThat(workers.queuedTotal()).isZero();
  }

  @Test
  void resetKeepsTheQueueAndRestartsTheCountersFromIt() {
    Workers workers = new Workers(1);
    workers.submit(job("r1"));
    workers.submit(job("r2"));
    workers.submit(job("r3"));
    workers.release();
    workers.resetCounters();
    assertThat(workers.queuedTotal()).isZero();
    assertThat(workers.maxQueueDepth()).isEqualTo(1);
    assertThat(workers.queueDepth()).isEqualTo(1);
  }

  @Test
  void rejectsANegativeLimit() {
    assertThatThrownBy(() -> new Workers(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrencyLimit: -1 (expected: >= 1, or 0 for unlimited)");
  }

  private Workers.Job job(String name) {
    return new Workers.Job() {
      @Override
      public void start() {
        started.add(name);
      }

      @Override
      public boolean abandoned() {
        return false;
      }
    };
  }

  private Workers.Job abandoned(String name) {
    return new Workers.Job() {
      @Override
      public void start() {
        started.add(name);
      }

      @Override
      public boolean abandoned() {
        return true;
      }
    };
  }
}
