package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointStatus;
import dev.ballast.lb.PickContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
  private final Endpoint a1 = Endpoint.builder("127.0.0.1", 9001).id("a1").zone("a").build();
  private final Endpoint b1 = Endpoint.builder("127.0.0.1", 9002).id("b1").build();

  @Test
  void describesEveryEndpointWithZoneStateAndWhetherItWasTried() {
    List<EndpointStatus> status =
        List.of(
            new EndpointStatus(a1, EndpointStatus.State.EJECTED, 0, 0, 1.0, 0.0),
            new EndpointStatus(b1, EndpointStatus.State.HEALTHY, 1, 5, 1.0, 1.0));
    String line =
        Diagnostics.describe("orders", "a", true, status, PickContext.DEFAULT.exclude(b1));
    assertThat(line)
        .isEqualTo(
            "service 'orders' (local zone 'a', panic mode): a1 [zone a, ejected]; b1 [zone -,"
                + " healthy, already tried]");
  }

  @Test
  void saysWhenThereIsNoEndpointOrNoLocalZone() {
    assertThat(Diagnostics.describe("orders", "", false, List.of(), PickContext.DEFAULT))
        .isEqualTo("service 'orders' (local zone unknown): no endpoints");
  }
}
