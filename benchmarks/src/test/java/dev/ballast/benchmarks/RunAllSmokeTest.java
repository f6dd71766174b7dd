package dev.ballast.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark section briefly, in this JVM, and checks only that each benchmark produced a
 * number and each section wrote its files: the figures of so short a run mean nothing. The MariaDB
 * sections ({@link RunAll#MARIADB_SECTIONS}) are left out: their servers alone would take longer
 * than the rest of the test; the router's MariaDB tests cover the code they drive.
 */
class RunAllSmokeTest {
  @Test
  void everyBenchmarkProducesANumber(@TempDir Path out) {
    Set<String> sections = new LinkedHashSet<>(RunAll.sections().keySet());
    sections.removeAll(RunAll.MARIADB_SECTIONS);
    List<SectionResult> results = RunAll.run(RunSettings.inProcess(), out, sections);

    assertThat(results).extracting(SectionResult::name).containsExactlyElementsOf(sections);
    for (SectionResult r : results) {
      assertThat(r.figures()).as(r.name()).isNotEmpty();
      for (SectionResult.Figure f : r.figures()) {
        if (f.count()) {
          assertThat(f.value()).as(f.benchmark()).isFinite().isNotNegative();
        } else {
          assertThat(f.value()).as(f.benchmark()).isFinite().isPositive();
        }
      }
      assertThat(r.tables()).as(r.name()).isNotEmpty();
      for (Path chart : r.charts()) {
        assertThat(chart).exists();
      }
    }
    assertThat(out.resolve("summary.md")).exists();
  }
}
