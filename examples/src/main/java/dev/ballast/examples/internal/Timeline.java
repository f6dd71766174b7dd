package dev.ballast.examples.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The run as the charts and the report see it: samples over time, where each act began and ended,
 * and what happened in it. Time is in seconds on one clock for the whole run, which pauses between
 * acts (set-up time is left out so that the charts show traffic only). Used by the thread that
 * plays the acts only.
 */
public final class Timeline {

  /**
   * Routing reasons of {@code ballast.jdbc.routes}, in the order of {@link
   * TimelinePoint#routeShares()}.
   */
  public static final List<String> ROUTE_REASONS =
      List.of("write", "read", "read-your-writes", "fallback");

  private final List<String> instanceIds;
  private final List<String> nodeNames;
  private final List<TimelinePoint> points = new ArrayList<>();
  private final List<ActSpan> acts = new ArrayList<>();
  private double offset;

  /**
   * An act's place in the timeline.
   *
   * @param act the act number
   * @param title its title
   * @param start seconds on the run's clock
   * @param end seconds on the run's clock
   * @param events what happened, times relative to the act's start
   */
  public record ActSpan(int act, String title, double start, double end, List<Event> events) {
    /** Copies the events. */
    public ActSpan {
      events = List.copyOf(events);
    }
  }

  /** An empty timeline. */
  public Timeline(List<String> instanceIds, List<String> nodeNames) {
    this.instanceIds = List.copyOf(instanceIds);
    this.nodeNames = List.copyOf(nodeNames);
  }

  /** The run's clock at an act's {@code secondsIntoAct}. */
  public double clock(double secondsIntoAct) {
    return offset + secondsIntoAct;
  }

  /** Adds a point (its time already on the run's clock). */
  public void add(TimelinePoint point) {
    points.add(point);
  }

  /** Closes an act that lasted {@code seconds}; the next act starts where it ended. */
  public void endAct(int act, String title, double seconds, List<Event> events) {
    acts.add(new ActSpan(act, title, offset, offset + seconds, events));
    offset += seconds;
  }

  /** The points, oldest first. */
  public List<TimelinePoint> points() {
    return List.copyOf(points);
  }

  /** The acts played, in order. */
  public List<ActSpan> acts() {
    return List.copyOf(acts);
  }

  /** Instance ids, in the order of {@link TimelinePoint#instanceShares()}. */
  public List<String> instanceIds() {
    return instanceIds;
  }

  /** Database node names, in the order of the database arrays of {@link TimelinePoint}. */
  public List<String> nodeNames() {
    return nodeNames;
  }
}
