package dev.ballast.examples.internal;

import dev.ballast.testkit.HttpInstance;
import java.util.List;

/** Act 2: a local instance dies; no call fails and its traffic moves elsewhere. */
final class InstanceKilledAct implements Act {

  @Override
  public int number() {
    return 2;
  }

  @Override
  public String title() {
    return "a local instance is killed";
  }

  @Override
  public List<String> story(ActScene scene) {
    HttpInstance victim = scene.localInstances().get(0);
    return List.of(
        victim.id() + " will be killed: its port refuses connections, calls in flight are reset.",
        "Watch: no call fails (they are retried on another instance), health checks mark "
            + victim.id()
            + " down,",
        "and with half of zone "
            + victim.zone()
            + " healthy it keeps 1.4 x 50% = 70% of the traffic; the rest spills over.");
  }

  @Override
  public List<Step> script(ActScene scene) {
    HttpInstance victim = scene.localInstances().get(0);
    return List.of(
        Step.of(
            0.3,
            victim.id() + " killed",
            () -> {
              scene.fault(victim.id(), "killed");
              scene.watchShare(victim.id());
              victim.stop();
            }));
  }
}
