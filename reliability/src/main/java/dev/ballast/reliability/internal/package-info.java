/**
 * The machinery behind the scenarios and the chaos soak: {@link
 * dev.ballast.reliability.internal.LoadLoop} (paced, bounded load from worker threads), {@link
 * dev.ballast.reliability.internal.PhasedLatency} and {@link
 * dev.ballast.reliability.internal.Timeline} (latency and counts by phase and by second), {@link
 * dev.ballast.reliability.internal.HttpTraffic} and {@link
 * dev.ballast.reliability.internal.JdbcTraffic} (the operations and their invariant checks), {@link
 * dev.ballast.reliability.internal.FaultInjector} (faults applied to the testkit), {@link
 * dev.ballast.reliability.internal.ThreadCensus} and {@link
 * dev.ballast.reliability.internal.TimelineChart}. Not API.
 */
@NullMarked
package dev.ballast.reliability.internal;

import org.jspecify.annotations.NullMarked;
