package dev.ballast.lb.internal;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.LbConfig;
import java.util.concurrent.TimeUnit;

/** Members and states for the unit tests of the balancer's policies. */
final class PolicyFixtures {
  static final long S = TimeUnit.SECONDS.toNanos(1);
  static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** Feedback with a fixed clock and no ejection trigger. */
  static final EndpointState.Feedback FEEDBACK =
      new EndpointState.Feedback() {
        @Override
        public void onConsecutiveFailures(EndpointState state, int count) {}

        @Override
        public int failureThreshold() {
          return 0;
        }

        @Override
        public long sampleNanoTime() {
          return 0;
        }
      };

  private PolicyFixtures() {}

  static Endpoint endpoint(String id, String zone) {
    return Endpoint.builder("127.0.0.1", 9000 + Math.abs(id.hashCode() % 1000))
        .id(id)
        .zone(zone)
        .build();
  }

  static Member member(String id, String zone) {
    return new Member(
        new EndpointState(
            endpoint(id, zone),
            false,
            FEEDBACK,
            LbConfig.defaults().peakEwmaDecay().toNanos(),
            LbConfig.defaults().failurePenalty().toNanos()));
  }
}
