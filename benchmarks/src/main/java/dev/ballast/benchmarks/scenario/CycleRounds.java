package dev.ballast.benchmarks.scenario;

import dev.ballast.benchmarks.SectionResult;
import dev.ballast.benchmarks.report.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The read and write cycles of several JDBC contenders measured in alternation — each warmed up,
 * then every contender's reads and writes in turn, round after round, so a slow minute of the
 * machine falls on all of them — and the table rows that show them beside the first contender (the
 * raw baseline). Shared by the PostgreSQL and MariaDB overhead sections.
 */
final class CycleRounds {
  private final Map<String, ClosedLoop.Totals> reads = new LinkedHashMap<>();
  private final Map<String, ClosedLoop.Totals> writes = new LinkedHashMap<>();
  private final String baseline;

  private CycleRounds(String baseline) {
    this.baseline = baseline;
  }

  /**
   * Measures every contender, in their map order; the first is the baseline of the ratios.
   *
   * @param strict whether a contender of that name must not fail (a peer's failures are counted)
   */
  static CycleRounds measure(
      Map<String, JdbcContenders.Contender> contenders,
      Predicate<String> strict,
      int threads,
      Duration warmup,
      Duration segment,
      int rounds) {
    CycleRounds result = new CycleRounds(contenders.keySet().iterator().next());
    for (Map.Entry<String, JdbcContenders.Contender> e : contenders.entrySet()) {
      boolean mustNotFail = strict.test(e.getKey());
      ClosedLoop.run(JdbcContenders.ops(e.getValue(), true, threads), warmup, null, mustNotFail);
      ClosedLoop.run(JdbcContenders.ops(e.getValue(), false, threads), warmup, null, mustNotFail);
      result.reads.put(e.getKey(), new ClosedLoop.Totals());
      result.writes.put(e.getKey(), new ClosedLoop.Totals());
    }
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, JdbcContenders.Contender> e : contenders.entrySet()) {
        boolean mustNotFail = strict.test(e.getKey());
        ClosedLoop.run(
            JdbcContenders.ops(e.getValue(), true, threads),
            segment,
            result.read(e.getKey()),
            mustNotFail);
        ClosedLoop.run(
            JdbcContenders.ops(e.getValue(), false, threads),
            segment,
            result.write(e.getKey()),
            mustNotFail);
      }
    }
    return result;
  }

  /** {@return the contenders' names, baseline first} */
  List<String> names() {
    return new ArrayList<>(reads.keySet());
  }

  /** {@return the read cycles of contender {@code name}} */
  ClosedLoop.Totals read(String name) {
    return Objects.requireNonNull(reads.get(name), name);
  }

  /** {@return the write cycles of contender {@code name}} */
  ClosedLoop.Totals write(String name) {
    return Objects.requireNonNull(writes.get(name), name);
  }

  /**
   * {@return a table of every contender's cycles beside the baseline's}, with a note per contender
   * that failed; also records each contender's figures in {@code section}.
   *
   * @param allocation whether to show (and record) the bytes allocated per read cycle
   */
  Table table(String title, boolean allocation, SectionResult section) {
    List<String> headers = new ArrayList<>(List.of("contender", "read cycles/s", "÷ raw"));
    headers.add("read p99 µs");
    if (allocation) {
      headers.addAll(List.of("read B/cycle", "÷ raw"));
    }
    headers.addAll(List.of("write cycles/s", "÷ raw", "write p99 µs", "errors"));
    Table table = new Table(title, headers.toArray(String[]::new));
    ClosedLoop.Totals rawRead = read(baseline);
    ClosedLoop.Totals rawWrite = write(baseline);
    for (String name : names()) {
      ClosedLoop.Totals r = read(name);
      ClosedLoop.Totals w = write(name);
      List<Object> cells = new ArrayList<>();
      cells.add(name);
      cells.add(Table.num(r.throughput(), 0));
      cells.add(Table.ratio(r.throughput() / rawRead.throughput()));
      cells.add(Table.num(r.percentileMicros(99), 0));
      if (allocation) {
        cells.add(Table.num(r.bytesPerCall(), 0));
        cells.add(Table.ratio(r.bytesPerCall() / rawRead.bytesPerCall()));
      }
      cells.add(Table.num(w.throughput(), 0));
      cells.add(Table.ratio(w.throughput() / rawWrite.throughput()));
      cells.add(Table.num(w.percentileMicros(99), 0));
      cells.add(r.errors + w.errors);
      table.row(cells.toArray());
      Throwable error = r.firstError != null ? r.firstError : w.firstError;
      if (error != null) {
        table.note(
            name
                + ": "
                + (r.errors + w.errors)
                + " failed cycles, first: "
                + error.getClass().getSimpleName()
                + ": "
                + error.getMessage());
      }
      section.figure(name + " reads/s", r.throughput(), "1/s");
      section.figure(name + " writes/s", w.throughput(), "1/s");
      if (allocation) {
        section.figure(name + " read bytes/cycle", r.bytesPerCall(), "B");
      }
    }
    return table;
  }
}
