package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.lb.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSpecsTest {
  private final List<String> problems = new ArrayList<>();

  private List<Endpoint> parse(String spec) {
    return EndpointSpecs.parse(spec, (entry, expected) -> problems.add(entry));
  }

  @Test
  void parsesSchemesPortsZonesAndWeights() {
    List<Endpoint> eps =
        parse("http://10.0.1.5:8080;zone=us-east-1a , https://orders-2;weight=2;zone=b, http://h/");
    assertThat(problems).isEmpty();
    assertThat(eps)
        .extracting(Endpoint::id)
        .containsExactly("10.0.1.5:8080", "orders-2:443", "h:80");
    assertThat(eps.get(0).zone()).isEqualTo("us-east-1a");
    assertThat(eps.get(0).metadata()).containsEntry("scheme", "http");
    assertThat(eps.get(1).weight()).isEqualTo(2);
    assertThat(eps.get(1).metadata()).containsEntry("scheme", "https");
    assertThat(eps.get(2).zone()).isEmpty();
  }

  @Test
  void rejectsEachMalformedEntry() {
    List<Endpoint> eps =
        parse(
            "ftp://h:1, http//h:1, http://h:1/api, http://h:0, http://h:1;weight=x,"
                + " http://h:2;colour=red, http://u@h:3, http://h:4?q, http://ok:5");
    assertThat(eps).extracting(Endpoint::id).containsExactly("ok:5");
    assertThat(problems)
        .containsExactly(
            "ftp://h:1",
            "http//h:1",
            "http://h:1/api",
            "http://h:0",
            "http://h:1;weight=x",
            "http://h:2;colour=red",
            "http://u@h:3",
            "http://h:4?q");
  }

  @Test
  void sizesAcceptUnitsAndRejectOverflow() {
    assertThat(Sizes.parse("1048576")).isEqualTo(1 << 20);
    assertThat(Sizes.parse("512KB")).isEqualTo(512 * 1024);
    assertThat(Sizes.parse("10 mb")).isEqualTo(10 << 20);
    assertThat(Sizes.parse("1GB")).isEqualTo(1 << 30);
    assertThatThrownBy(() -> Sizes.parse("2GB")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sizes.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sizes.parse("1.5MB")).isInstanceOf(IllegalArgumentException.class);
  }
}
