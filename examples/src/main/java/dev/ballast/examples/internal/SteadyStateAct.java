package dev.ballast.examples.internal;

import java.util.List;

/** Act 1: nothing is wrong, and every call stays in the caller's zone. */
final class SteadyStateAct implements Act {

  @Override
  public int number() {
    return 1;
  }

  @Override
  public String title() {
    return "steady state";
  }

  @Override
  public List<String> story(ActScene scene) {
    String zone = scene.stage().localZone();
    return List.of(
        "Six healthy instances, two per zone. This process runs in zone " + zone + ".",
        "Watch: every call stays in zone "
            + zone
            + ", split between its two instances by peak-EWMA;"
            + " the other zones get nothing.");
  }

  @Override
  public List<Step> script(ActScene scene) {
    return List.of(
        Step.say(0, "all 6 instances healthy; ballast.zone=" + scene.stage().localZone()));
  }
}
