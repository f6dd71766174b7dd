package dev.ballast.examples.internal;

import java.util.List;

/** The demo's acts, in story order. */
public final class Acts {

  private static final List<Act> ALL =
      List.of(
          new SteadyStateAct(),
          new InstanceKilledAct(),
          new SlowInstanceAct(),
          new ZoneOutageAct(),
          new DatabaseAct());

  private Acts() {}

  /** Every act, ascending by number. */
  public static List<Act> all() {
    return ALL;
  }

  /** Act {@code number}, 1 to 5. */
  public static Act get(int number) {
    return ALL.get(number - 1);
  }
}
