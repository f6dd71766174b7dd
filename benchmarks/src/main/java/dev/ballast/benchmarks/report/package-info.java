/**
 * Writing results: {@link dev.ballast.benchmarks.report.Table} (Markdown and CSV), {@link
 * dev.ballast.benchmarks.report.Charts} (PNG via XChart, headless), {@link
 * dev.ballast.benchmarks.report.Machine} (what the figures were measured on) and {@link
 * dev.ballast.benchmarks.report.Goal} (a target and whether a run met it).
 */
@NullMarked
package dev.ballast.benchmarks.report;

import org.jspecify.annotations.NullMarked;
