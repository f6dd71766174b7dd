package dev.ballast.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DiscoveryProvidersTest {
  private static final String PREFIX = "ballast.http.services.orders.";

  private static ConfigReader reader(String... keysAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new ConfigReader(p, k -> null);
  }

  private static Optional<DiscoveredEndpointSource> bind(ConfigReader r) {
    Optional<DiscoveredEndpointSource> s =
        DiscoveryProviders.bind(r, PREFIX, "orders", Ticker.system());
    r.checkUnknownKeys();
    return s;
  }

  @Test
  void findsAProviderByNameWithServiceLoader() {
    assertThat(DiscoveryProviders.available()).containsKey("listed");
    ConfigReader r =
        reader(
            PREFIX + "discovery", "listed",
            PREFIX + "discovery.listed.ports", "9001,9002",
            PREFIX + "discovery.listed.zone", "z1");
    DiscoveredEndpointSource source = bind(r).orElseThrow();
    assertThat(r.problems()).isEmpty();
    assertThat(source.name()).isEqualTo("listed");
    assertThat(source.service()).isEqualTo("orders");
    source.subscribe(set -> {});
    assertThat(source.current().endpoints())
        .extracting(Endpoint::id, Endpoint::zone)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("127.0.0.1:9001", "z1"),
            org.assertj.core.groups.Tuple.tuple("127.0.0.1:9002", "z1"));
    source.close();
  }

  @Test
  void aGivenProviderIsFoundByNameAndWinsOverAClassPathOneOfTheSameName() {
    EndpointSourceProvider given =
        new EndpointSourceProvider() {
          @Override
          public String name() {
            return "listed";
          }

          @Override
          public Discovery bind(String service, ConfigReader.Scope keys) {
            String zone = keys.required("zone", "a zone");
            return listener -> {
              listener.onEndpoints(
                  java.util.List.of(
                      DiscoveredEndpoint.serving(
                          Endpoint.builder("127.0.0.1", 9100).zone(zone).build())));
              return () -> {};
            };
          }
        };
    ConfigReader r = reader(PREFIX + "discovery", "listed", PREFIX + "discovery.listed.zone", "z2");
    DiscoveredEndpointSource source =
        DiscoveryProviders.bind(r, PREFIX, "orders", Ticker.system(), java.util.List.of(given))
            .orElseThrow();
    r.checkUnknownKeys();
    assertThat(r.problems()).isEmpty();
    source.subscribe(set -> {});
    assertThat(source.current().endpoints())
        .extracting(Endpoint::id, Endpoint::zone)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("127.0.0.1:9100", "z2"));
    source.close();
  }

  @Test
  void anUnknownNameListsTheGivenProvidersBesideTheClassPathOnes() {
    EndpointSourceProvider given =
        new EndpointSourceProvider() {
          @Override
          public String name() {
            return "spring-cloud";
          }

          @Override
          public Discovery bind(String service, ConfigReader.Scope keys) {
            return listener -> () -> {};
          }
        };
    ConfigReader r = reader(PREFIX + "discovery", "spring-clod");
    assertThat(
            DiscoveryProviders.bind(r, PREFIX, "orders", Ticker.system(), java.util.List.of(given)))
        .isEmpty();
    assertThat(r.problems())
        .containsExactly(
            PREFIX
                + "discovery: spring-clod (expected: the name of a discovery source on the class"
                + " path, one of [listed, spring-cloud]; did you mean 'spring-cloud'?)");
  }

  @Test
  void noDiscoveryKeyMeansNoSource() {
    ConfigReader r = reader(PREFIX + "endpoints", "http://127.0.0.1:1");
    assertThat(DiscoveryProviders.bind(r, PREFIX, "orders", Ticker.system())).isEmpty();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void anUnknownSourceNameSaysWhichAreAvailableAndTheClosest() {
    ConfigReader r = reader(PREFIX + "discovery", "listd");
    assertThat(bind(r)).isEmpty();
    assertThat(r.problems())
        .containsExactly(
            PREFIX
                + "discovery: listd (expected: the name of a discovery source on the class path,"
                + " one of [listed]; did you mean 'listed'?)");
  }

  @Test
  void aSourcesMisspeltKeyIsUnknownWithADidYouMean() {
    ConfigReader r =
        reader(
            PREFIX + "discovery", "listed",
            PREFIX + "discovery.listed.ports", "9001",
            PREFIX + "discovery.listed.zoen", "z1");
    bind(r);
    assertThat(r.problems())
        .containsExactly(
            PREFIX
                + "discovery.listed.zoen: z1 (expected: a known key; did you mean '"
                + PREFIX
                + "discovery.listed.zone'?)");
  }

  @Test
  void aSourcesMissingOrBadKeysAreProblemsAndNoSourceIsMade() {
    ConfigReader missing = reader(PREFIX + "discovery", "listed");
    assertThat(bind(missing)).isEmpty();
    assertThat(missing.problems())
        .containsExactly(
            PREFIX + "discovery.listed.ports: (missing) (expected: comma-separated ports)");

    ConfigReader bad =
        reader(PREFIX + "discovery", "listed", PREFIX + "discovery.listed.ports", "90x1");
    assertThat(bind(bad)).isEmpty();
    assertThat(bad.problems())
        .containsExactly(PREFIX + "discovery.listed.ports: 90x1 (expected: comma-separated ports)");
  }

  @Test
  void keysOfAnotherSourceThanTheChosenOneAreUnknown() {
    ConfigReader r =
        reader(
            PREFIX + "discovery", "listed",
            PREFIX + "discovery.listed.ports", "9001",
            PREFIX + "discovery.zookeeper.connect", "127.0.0.1:2181");
    bind(r);
    assertThat(r.problems())
        .singleElement()
        .asString()
        .startsWith(PREFIX + "discovery.zookeeper.connect: 127.0.0.1:2181 (expected: a known key");
  }
}
