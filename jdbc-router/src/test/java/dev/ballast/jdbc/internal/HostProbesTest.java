package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Dialects;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One round's probes: outcomes by host, the probe timeout, one probe in flight per host. The hosts
 * answer through stand-in connectors (a hung server is what is wanted, and no real server hangs on
 * cue); the integration tests probe real replicas.
 */
class HostProbesTest {
  private static final ProbeResult PRIMARY =
      new ProbeResult(false, true, 1000, Lsns.NONE, Double.NaN, 1);

  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final CountDownLatch hangUntil = new CountDownLatch(1);

  @AfterEach
  void stopThreads() {
    hangUntil.countDown();
    threads.shutdownNow();
  }

  private HostProbes probes() {
    return new HostProbes(
        Dialects.postgresql(), Duration.ofMillis(200), Map.of(), () -> {}, threads);
  }

  @Test
  void aHungHostTimesOutEveryRoundOnItsOneProbeWhileTheOthersAnswer() {
    Connector answering = new Connector(() -> PRIMARY);
    Connector hung =
        new Connector(
            () -> {
              if (!hangUntil.await(30, TimeUnit.SECONDS)) {
                throw new SQLException("test never let the probe go");
              }
              return PRIMARY;
            });
    List<Host> hosts = List.of(host("primary", answering), host("r1", hung));
    HostProbes probes = probes();

    for (int round = 1; round <= 2; round++) {
      Map<String, Object> outcomes = probes.probe(hosts, 0);
      assertThat(outcomes).containsEntry("primary", PRIMARY);
      assertThat(outcomes)
          .containsEntry("r1", new ProbeFailure("unreachable: no answer within 200ms", false));
    }
    assertThat(answering.probes).hasValue(2);
    assertThat(hung.probes).as("the second round awaits the first round's probe").hasValue(1);
  }

  @Test
  void aProbeThatFailsIsADefinitiveFailureWithTheFirstSentenceOfTheMessage() {
    Connector refused =
        new Connector(
            () -> {
              throw new SQLException(
                  "Connection to 127.0.0.1:1 refused. Check that the hostname and port are"
                      + " correct.",
                  "08001");
            });
    Map<String, Object> outcomes = probes().probe(List.of(host("r1", refused)), 0);
    assertThat(outcomes)
        .containsExactly(
            Map.entry(
                "r1", new ProbeFailure("unreachable: Connection to 127.0.0.1:1 refused", true)));
  }

  @Test
  void stoppedProbeThreadsGiveNoOutcomes() {
    Connector answering = new Connector(() -> PRIMARY);
    HostProbes probes = probes();
    probes.close();
    assertThat(probes.probe(List.of(host("primary", answering)), 0)).isNull();
    assertThat(answering.probes).hasValue(0);
  }

  /** What a stand-in host does when probed. */
  @FunctionalInterface
  private interface Answer {
    ProbeResult get() throws Exception;
  }

  /** A host's probe that answers as told and counts the probes; hands out no connections. */
  private static final class Connector implements ProbeConnector {
    final AtomicInteger probes = new AtomicInteger();
    private final Answer answer;

    Connector(Answer answer) {
      this.answer = answer;
    }

    @Override
    public ProbeResult probe(Dialect dialect, int timeoutSeconds) throws SQLException {
      probes.incrementAndGet();
      try {
        return answer.get();
      } catch (SQLException e) {
        throw e;
      } catch (Exception e) {
        throw new SQLException(e);
      }
    }

    @Override
    public Connection acquire() throws SQLException {
      throw new SQLException("no connections in this test");
    }

    @Override
    public void release(Connection connection, boolean broken) {}

    @Override
    public void close() {}
  }

  private static Host host(String name, ProbeConnector probe) {
    DataSource ds =
        (DataSource)
            Proxy.newProxyInstance(
                HostProbesTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (p, m, a) -> {
                  throw new UnsupportedOperationException("no connections in this test");
                });
    return new Host(name, name.equals("primary"), "", ds, false, "loc-" + name, probe);
  }
}
