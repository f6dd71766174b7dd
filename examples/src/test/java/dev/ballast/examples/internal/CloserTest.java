package dev.ballast.examples.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CloserTest {

  @Test
  void closesLastRegisteredFirstAndOnlyOnce() {
    List<String> closed = new ArrayList<>();
    Closer closer = new Closer();
    closer.register("first", () -> closed.add("first"));
    closer.register("second", () -> closed.add("second"));

    closer.close();
    closer.close();

    assertThat(closed).containsExactly("second", "first");
  }

  @Test
  void aFailureIsRememberedAndTheOthersAreStillClosed() {
    List<String> closed = new ArrayList<>();
    Closer closer = new Closer();
    closer.register("good", () -> closed.add("good"));
    closer.register(
        "bad",
        () -> {
          throw new IllegalStateException("stuck");
        });

    closer.close();

    assertThat(closed).containsExactly("good");
    assertThat(closer.problems()).containsExactly("bad: java.lang.IllegalStateException: stuck");
  }

  @Test
  void aResourceRegisteredAfterCloseIsClosedAtOnce() {
    List<String> closed = new ArrayList<>();
    Closer closer = new Closer();
    closer.close();

    closer.register("late", () -> closed.add("late"));

    assertThat(closed).containsExactly("late");
    assertThat(closer.isClosed()).isTrue();
  }

  @Test
  void aSecondCloserWaitsForACloseInProgressOnAnotherThread() throws Exception {
    CountDownLatch closing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> closed = new ArrayList<>();
    Closer closer = new Closer();
    closer.register(
        "slow",
        () -> {
          closing.countDown();
          release.await(5, TimeUnit.SECONDS);
          synchronized (closed) {
            closed.add("slow");
          }
        });
    Thread first = new Thread(closer::close);
    first.start();
    assertThat(closing.await(5, TimeUnit.SECONDS)).isTrue();
    CountDownLatch secondCalling = new CountDownLatch(1);
    Thread second =
        new Thread(
            () -> {
              secondCalling.countDown();
              closer.close();
              synchronized (closed) {
                closed.add("second returned");
              }
            });
    second.start();
    assertThat(secondCalling.await(5, TimeUnit.SECONDS)).isTrue();
    // the second close() has been called (give it a moment to get past the call); the first is
    // held until release, so the second must not have returned
    second.join(200);
    synchronized (closed) {
      assertThat(closed).as("second close() returned while the first was closing").isEmpty();
    }
    assertThat(second.isAlive()).as("second close() returned while the first was closing").isTrue();

    release.countDown();
    first.join(5000);
    second.join(5000);

    assertThat(closed).containsExactly("slow", "second returned");
  }
}
