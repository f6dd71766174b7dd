package dev.ballast.lb.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.DiscoveredEndpointSource.Health;
import dev.ballast.lb.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceDescriptionTest {
  private static final ReportedEndpoints ONE_SERVING_ONE_DRAINING =
      ReportedEndpoints.of(
          List.of(
              DiscoveredEndpoint.serving(Endpoint.builder("127.0.0.1", 9001).id("a").build()),
              DiscoveredEndpoint.draining(Endpoint.builder("127.0.0.1", 9002).id("b").build())));

  @Test
  void anUpToDateSourceGivesItsCountsAndTheAgeOfItsSet() {
    assertThat(
            SourceDescription.of(
                "zookeeper", Health.UP_TO_DATE, "ignored", ONE_SERVING_ONE_DRAINING, 1.234))
        .isEqualTo(
            "discovery 'zookeeper': up to date, 1 endpoints (1 draining), last set 1.2s ago");
  }

  @Test
  void aFailingSourceNamesItsLastProblem() {
    assertThat(
            SourceDescription.of(
                "kubernetes", Health.FAILING, "watch closed", ReportedEndpoints.NONE, 61.06))
        .isEqualTo(
            "discovery 'kubernetes': failing (watch closed), 0 endpoints, last set 61.1s ago");
  }

  @Test
  void aSourceThatNeverGotASetSaysSo() {
    assertThat(SourceDescription.of("dns", Health.WAITING, "", ReportedEndpoints.NONE, null))
        .isEqualTo("discovery 'dns': waiting, 0 endpoints, no set received yet");
  }
}
