package dev.ballast.examples.internal;

import dev.ballast.testkit.HttpInstance;
import java.util.List;

/**
 * Act 4: the local zone's health checks fail; traffic spills to the other zones, then comes back
 * gradually (slow start) when the zone recovers.
 */
final class ZoneOutageAct implements Act {

  @Override
  public int number() {
    return 4;
  }

  @Override
  public String title() {
    return "the local zone goes unhealthy";
  }

  @Override
  public List<String> story(ActScene scene) {
    String zone = scene.stage().localZone();
    return List.of(
        "Every instance in zone " + zone + " will answer its health checks with 503.",
        "Watch: traffic spills to the other zones in proportion to their healthy capacity;",
        "when zone " + zone + " recovers, slow start ramps its share back up over 4 s.");
  }

  @Override
  public List<Step> script(ActScene scene) {
    String zone = scene.stage().localZone();
    List<HttpInstance> local = scene.localInstances();
    return List.of(
        Step.of(
            0.15,
            "zone " + zone + " unhealthy: GET /health answers 503",
            () -> {
              for (HttpInstance i : local) {
                scene.fault(i.id(), "health 503");
                i.healthStatus(503);
              }
            }),
        Step.of(
            0.55,
            "zone " + zone + " healthy again",
            () -> {
              for (HttpInstance i : local) {
                scene.fault(i.id(), "");
                i.healthStatus(200);
              }
            }));
  }
}
