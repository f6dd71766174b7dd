package dev.ballast.examples.internal;

import dev.ballast.testkit.HttpInstance;
import java.time.Duration;
import java.util.List;

/** Act 3: a local instance turns slow; peak-EWMA drains its share. */
final class SlowInstanceAct implements Act {

  /** The latency added to the slow instance's responses. */
  static final Duration EXTRA_LATENCY = Duration.ofMillis(250);

  @Override
  public int number() {
    return 3;
  }

  @Override
  public String title() {
    return "an instance turns slow";
  }

  @Override
  public List<String> story(ActScene scene) {
    HttpInstance slow = slowOne(scene);
    return List.of(
        slow.id()
            + " will answer "
            + EXTRA_LATENCY.toMillis()
            + " ms slower; its health checks still pass, so only latency can tell.",
        "Watch: peak-EWMA sees the slow answers at once and "
            + slow.id()
            + "'s share drains to its zone peer; no call fails.");
  }

  private static HttpInstance slowOne(ActScene scene) {
    List<HttpInstance> local = scene.localInstances();
    return local.get(local.size() - 1);
  }

  @Override
  public List<Step> script(ActScene scene) {
    HttpInstance slow = slowOne(scene);
    return List.of(
        Step.of(
            0.25,
            slow.id() + " turns slow: +" + EXTRA_LATENCY.toMillis() + " ms per response",
            () -> {
              scene.fault(slow.id(), "+" + EXTRA_LATENCY.toMillis() + " ms");
              scene.watchShare(slow.id());
              slow.latency(EXTRA_LATENCY);
            }));
  }
}
