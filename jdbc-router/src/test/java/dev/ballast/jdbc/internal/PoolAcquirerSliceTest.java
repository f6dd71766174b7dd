package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How often a borrow from a pool that gives nothing looks again whether its host is still wanted.
 */
class PoolAcquirerSliceTest {
  @Test
  void aPoolWithoutAnyConnectionIsAskedInShortSlicesSoAWriteFollowsAPromotionSoon() {
    assertThat(PoolAcquirer.sliceAfterMiss(0)).isEqualTo(50);
  }

  @Test
  void aPoolWhoseConnectionsAreBusyKeepsTheLongSlice() {
    assertThat(PoolAcquirer.sliceAfterMiss(1)).isEqualTo(PoolAcquirer.SLICE_MILLIS);
    assertThat(PoolAcquirer.sliceAfterMiss(10)).isEqualTo(200);
  }
}
