package dev.ballast.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @Test
  void drawsLogarithmicBarsWithMissingAndZeroValues(@TempDir Path dir) throws Exception {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("1 thread", List.of(3.3, 11_445.0, 0.0));
    series.put("2 threads", List.of(Double.NaN, 20_000.0, 7.0));

    Path png =
        Charts.bars(dir.resolve("bars.png"), "t", "ns/op", List.of("a", "b", "c"), series, true);

    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(1_000);
  }

  @Test
  void drawsPercentileCurves(@TempDir Path dir) throws Exception {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("rr", List.of(1.0, 10.0, 30.0));
    series.put("p2c", List.of(0.5, 0.0, Double.NaN));
    series.put("wrong length", List.of());

    Path png =
        Charts.percentileCurves(
            dir.resolve("curves.png"), "t", List.of("p50", "p99", "p99.9"), series);

    assertThat(Files.size(png)).isGreaterThan(1_000);
  }

  @Test
  void tableWritesMarkdownAndQuotedCsv(@TempDir Path dir) throws Exception {
    Table t = new Table("T", "name", "value").row("a, b", 1).row("c|d", Table.ratio(2.5));

    t.write(dir, "t");

    assertThat(Files.readString(dir.resolve("t.csv"))).contains("\"a, b\",1");
    assertThat(Files.readString(dir.resolve("t.md"))).contains("| c\\|d | 2.50× |");
  }
}
