package dev.ballast.examples.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.examples.internal.view.Text;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void barsFillToTheFractionInEighthsOfACell() {
    assertThat(Text.bar(0, 4, true)).isEqualTo("\u2591\u2591\u2591\u2591");
    assertThat(Text.bar(1, 4, true)).isEqualTo("\u2588\u2588\u2588\u2588");
    assertThat(Text.bar(0.5, 4, true)).isEqualTo("\u2588\u2588\u2591\u2591");
    // 0.25 of 2 cells = 4 eighths: half a block
    assertThat(Text.bar(0.25, 2, true)).isEqualTo("\u258c\u2591");
  }

  @Test
  void asciiBarsForTerminalsWithoutUnicode() {
    assertThat(Text.bar(0.5, 4, false)).isEqualTo("##..");
    assertThat(Text.bar(Double.NaN, 3, false)).isEqualTo("...");
    assertThat(Text.bar(7, 3, false)).isEqualTo("###");
  }

  @Test
  void numbersReadWell() {
    assertThat(Text.percent(0.702)).isEqualTo("70.2%");
    assertThat(Text.millis(1.94)).isEqualTo("1.9 ms");
    assertThat(Text.millis(123.4)).isEqualTo("123 ms");
    assertThat(Text.millis(Double.NaN)).isEqualTo("-");
    assertThat(Text.count(1234567)).isEqualTo("1 234 567");
    assertThat(Text.pad("abcdef", 3)).isEqualTo("abc");
    assertThat(Text.padLeft("7", 3)).isEqualTo("  7");
  }
}
