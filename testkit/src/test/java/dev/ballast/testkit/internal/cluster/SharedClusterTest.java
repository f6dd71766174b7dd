package dev.ballast.testkit.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedClusterTest {

  /** A stand-in cluster: what the lifecycle did to it is all that matters here. */
  private static final class FakeCluster {
    final int serial;
    boolean closed;
    int resets;
    boolean promoted;
    boolean resetThrows;

    FakeCluster(int serial) {
      this.serial = serial;
    }
  }

  private final List<FakeCluster> started = new ArrayList<>();
  private final SharedCluster<FakeCluster> shared =
      new SharedCluster<>(
          () -> {
            FakeCluster cluster = new FakeCluster(started.size() + 1);
            started.add(cluster);
            return cluster;
          },
          cluster -> cluster.closed,
          cluster -> {
            cluster.resets++;
            if (cluster.resetThrows) {
              throw new IllegalStateException("replica did not come back");
            }
            return !cluster.promoted;
          },
          cluster -> cluster.closed = true);

  @Test
  void theTestsOfAClassShareOneClusterWhoseFaultsAreUndoneAfterEachTest() {
    shared.classStarted();
    FakeCluster first = shared.current();
    shared.testEnded();
    shared.current();
    shared.testEnded();

    assertThat(started).containsExactly(first);
    assertThat(first.resets).isEqualTo(2);
    assertThat(first.closed).isFalse();

    shared.classEnded();
    assertThat(first.closed).isTrue();
  }

  @Test
  void aPromotionClosesTheClusterAndTheNextTestGetsAFreshOne() {
    shared.classStarted();
    FakeCluster first = shared.current();
    first.promoted = true;
    shared.testEnded();

    assertThat(first.closed).isTrue();
    assertThat(started).hasSize(1); // the next one starts only when a test asks
    FakeCluster second = shared.current();
    assertThat(second.serial).isEqualTo(2);
    assertThat(second.closed).isFalse();
  }

  @Test
  void aClusterWhoseFaultsCannotBeUndoneIsReplaced() {
    shared.classStarted();
    FakeCluster first = shared.current();
    first.resetThrows = true;
    shared.testEnded();

    assertThat(first.closed).isTrue();
    assertThat(shared.current()).isNotSameAs(first);
  }

  @Test
  void withoutAClassScopeEveryTestGetsItsOwnCluster() {
    FakeCluster first = shared.current();
    shared.testEnded();
    FakeCluster second = shared.current();
    shared.testEnded();

    assertThat(first.closed).isTrue();
    assertThat(second.closed).isTrue();
    assertThat(first.resets + second.resets).isZero();
  }

  @Test
  void nestedClassesCloseTheClusterOnlyWhenTheOutermostEnds() {
    shared.classStarted();
    shared.classStarted();
    FakeCluster cluster = shared.current();
    shared.classEnded();
    assertThat(cluster.closed).isFalse();
    shared.classEnded();
    assertThat(cluster.closed).isTrue();
  }

  @Test
  void rebuildClosesTheCurrentClusterAndStartsAnother() {
    FakeCluster first = shared.current();
    FakeCluster second = shared.rebuild();

    assertThat(first.closed).isTrue();
    assertThat(second).isNotSameAs(first);
    assertThat(shared.current()).isSameAs(second);
  }

  @Test
  void aClusterClosedByItsTestIsStartedAgainOnNextUse() {
    shared.classStarted();
    FakeCluster first = shared.current();
    first.closed = true;
    shared.testEnded();

    assertThat(first.resets).isZero();
    assertThat(shared.current().serial).isEqualTo(2);
  }
}
