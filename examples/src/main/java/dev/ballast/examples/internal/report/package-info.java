/**
 * What the demo leaves behind on purpose: {@link dev.ballast.examples.internal.report.SummaryTable}
 * (the closing table, as text), {@link dev.ballast.examples.internal.report.ChartWriter} (PNG
 * charts drawn with XChart) and {@link dev.ballast.examples.internal.report.HtmlReport} (one page
 * that holds both), written by {@link dev.ballast.examples.internal.report.ReportWriter}.
 */
@NullMarked
package dev.ballast.examples.internal.report;

import org.jspecify.annotations.NullMarked;
