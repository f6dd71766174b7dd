package dev.ballast.testkit.internal.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LsnTest {

  @Test
  void formatsLikePostgresPrintsPgLsn() {
    assertThat(Lsn.format(0)).isEqualTo("0/0");
    assertThat(Lsn.format(0x3000060L)).isEqualTo("0/3000060");
    assertThat(Lsn.format(0x1_0000_00A8L)).isEqualTo("1/A8");
  }
}
