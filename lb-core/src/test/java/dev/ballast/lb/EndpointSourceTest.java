package dev.ballast.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSourceTest {
  private final Endpoint a = Endpoint.of("10.0.0.1", 80);
  private final Endpoint b = Endpoint.of("10.0.0.2", 80);

  @Test
  void lateListenerGetsTheCurrentSetAtOnce() throws Exception {
    DynamicEndpointSource source = EndpointSource.dynamic();
    source.update(List.of(a));
    List<EndpointSet> got = new ArrayList<>();
    try (AutoCloseable sub = source.subscribe(got::add)) {
      assertThat(got).hasSize(1);
      assertThat(got.get(0).endpoints()).containsExactly(a);
      source.update(List.of(a, b));
      assertThat(got).hasSize(2);
      assertThat(got.get(1).version()).isGreaterThan(got.get(0).version());
    }
  }

  @Test
  void staleSetNeverOverwritesANewerOne() {
    DynamicEndpointSource source = EndpointSource.dynamic();
    assertThat(source.update(new EndpointSet(5, List.of(a, b)))).isTrue();
    assertThat(source.update(new EndpointSet(4, List.of(a)))).isFalse();
    assertThat(source.current().endpoints()).containsExactly(a, b);
  }

  @Test
  void balancerIgnoresStaleVersions() {
    ManualClock clock = new ManualClock();
    List<EndpointSource.Listener> listeners = new ArrayList<>();
    EndpointSource raw =
        listener -> {
          listeners.add(listener);
          return () -> {};
        };
    try (LoadBalancer lb =
        LoadBalancer.builder("svc").source(raw).ticker(clock).scheduler(clock).build()) {
      listeners.get(0).onEndpoints(new EndpointSet(2, List.of(a, b)));
      listeners.get(0).onEndpoints(new EndpointSet(1, List.of(a)));
      assertThat(lb.endpoints()).hasSize(2);
    }
  }

  @Test
  void rejectsDuplicateIds() {
    assertThatThrownBy(() -> new EndpointSet(1, List.of(a, Endpoint.of("10.0.0.1", 80))))
        .hasMessage("endpoints: duplicate id '10.0.0.1:80' (expected: unique endpoint ids)");
  }

  @Test
  void endpointValidationNamesFieldValueAndExpectation() {
    assertThatThrownBy(() -> Endpoint.of("h", 0)).hasMessage("port: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> Endpoint.builder("h", 1).weight(0).build())
        .hasMessage("weight: 0 (expected: an integer >= 1)");
    assertThat(Endpoint.builder("h", 1).zone("a").build())
        .isEqualTo(Endpoint.of("h", 1))
        .hasToString("h:1;zone=a");
  }

  @Test
  void emptyBalancerExplainsWhyNothingWasPicked() {
    ManualClock clock = new ManualClock();
    try (LoadBalancer lb =
        LoadBalancer.builder("svc").endpoints(List.of()).ticker(clock).scheduler(clock).build()) {
      Pick p = lb.pick();
      assertThat(p.isPresent()).isFalse();
      assertThat(p.reason()).isEqualTo("service 'svc' has no endpoints");
      assertThatThrownBy(p::endpoint).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void retriesExcludeTriedEndpointsAndDescribeSaysSo() {
    ManualClock clock = new ManualClock();
    try (LoadBalancer lb =
        LoadBalancer.builder("svc")
            .config(LbConfig.builder().localZone("a").build())
            .endpoints(List.of(a, b))
            .ticker(clock)
            .scheduler(clock)
            .build()) {
      PickContext ctx = PickContext.DEFAULT;
      Pick first = lb.pick(ctx);
      first.complete(Outcome.FAILURE, 1);
      ctx = ctx.exclude(first.endpoint());
      Pick second = lb.pick(ctx);
      assertThat(second.endpoint()).isNotEqualTo(first.endpoint());
      second.complete(Outcome.FAILURE, 1);
      ctx = ctx.exclude(second.endpoint());
      Pick none = lb.pick(ctx);
      assertThat(none.isPresent()).isFalse();
      assertThat(none.reason()).contains("already tried");
      assertThat(lb.describe(ctx))
          .isEqualTo(
              "service 'svc' (local zone 'a'): 10.0.0.1:80 [zone -, healthy, already tried]; "
                  + "10.0.0.2:80 [zone -, healthy, already tried]");
    }
  }
}
