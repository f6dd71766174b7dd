package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.DynamicEndpointSource;
import dev.ballast.lb.Endpoint;
import dev.ballast.lb.EndpointSource;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.Ticker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TLS context exists before any call can need it: built at start-up for configured {@code
 * https} endpoints, and when a discovered {@code https} endpoint arrives, never on a call's path
 * (where a retry or hedge timer would load trust material on an event loop). No call is made here:
 * the context's existence is what is checked.
 */
class TlsAtStartTest {
  private static final Endpoint HTTPS =
      Endpoint.builder("127.0.0.1", 2).metadata(ServiceRuntime.SCHEME, "https").build();

  private static ClientCore start(String name, EndpointSource source, HttpServiceConfig config) {
    return ClientCore.start(
        List.of(new ServiceDefinition(name, source, config)),
        "",
        1,
        null,
        Ticker.system(),
        RandomSource.threadLocal(),
        Duration.ZERO);
  }

  @Test
  void builtAtStartForConfiguredHttpsEndpoints() {
    ClientCore core =
        start("secure", EndpointSource.of(List.of(HTTPS)), HttpServiceConfig.defaults());
    try {
      assertThat(core.service("secure").tlsReady()).isTrue();
    } finally {
      core.close();
    }
  }

  @Test
  void builtWhenADiscoveredHttpsEndpointArrivesAndNotForPlainHttp() {
    DynamicEndpointSource source = EndpointSource.dynamic();
    source.update(List.of(Endpoint.of("127.0.0.1", 1)));
    ClientCore core = start("later", source, HttpServiceConfig.defaults());
    try {
      assertThat(core.service("later").tlsReady()).as("plain http: no TLS context").isFalse();
      source.update(List.of(Endpoint.of("127.0.0.1", 1), HTTPS));
      assertThat(core.service("later").tlsReady()).isTrue();
    } finally {
      core.close();
    }
  }
}
