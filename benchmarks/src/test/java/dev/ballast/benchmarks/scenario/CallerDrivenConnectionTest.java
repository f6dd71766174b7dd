package dev.ballast.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The caller-driven prototype and the pinned-caller loop of {@link SendDesignProbe}. */
@EnabledOnOs(OS.LINUX)
class CallerDrivenConnectionTest {
  private static ServerProcess server;

  @BeforeAll
  static void startServer() {
    server = ServerProcess.start(1);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void callerRunsItsOwnConnectionRequestAfterRequest() {
    try (CallerDrivenConnection c = new CallerDrivenConnection("127.0.0.1", server.port())) {
      for (int i = 0; i < 200; i++) {
        assertThat(c.get("/work")).isEqualTo(200);
      }
    }
  }

  @Test
  void connectFailureNamesTheAddress() {
    // Port 1 on loopback: nothing listens there (tcpmux is never run here).
    assertThatThrownBy(() -> new CallerDrivenConnection("127.0.0.1", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("connecting to 127.0.0.1:1 failed");
  }

  @Test
  void pinnedCallersKeepTheirThreadAcrossSegmentsAndCloseOnIt() {
    Set<Thread> openedOn = ConcurrentHashMap.newKeySet();
    Set<Thread> calledOn = ConcurrentHashMap.newKeySet();
    Set<Thread> closedOn = ConcurrentHashMap.newKeySet();
    PinnedCallers callers =
        new PinnedCallers(
            2,
            "test-caller",
            () -> {
              openedOn.add(Thread.currentThread());
              CallerDrivenConnection c = new CallerDrivenConnection("127.0.0.1", server.port());
              return new PinnedCallers.Caller() {
                @Override
                public int get() {
                  calledOn.add(Thread.currentThread());
                  return c.get("/work");
                }

                @Override
                public void close() {
                  closedOn.add(Thread.currentThread());
                  c.close();
                }
              };
            });
    ClosedLoop.Totals totals = new ClosedLoop.Totals();
    try {
      callers.segment(Duration.ofMillis(200), totals);
      callers.segment(Duration.ofMillis(200), totals);
    } finally {
      callers.close();
    }

    assertThat(totals.calls).isGreaterThanOrEqualTo(4); // at least one per thread and segment
    assertThat(totals.errors).isZero();
    assertThat(openedOn).hasSize(2);
    assertThat(calledOn).isEqualTo(openedOn);
    assertThat(closedOn).isEqualTo(openedOn);
  }
}
