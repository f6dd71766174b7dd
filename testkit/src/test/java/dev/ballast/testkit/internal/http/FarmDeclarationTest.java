package dev.ballast.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The instances a declaration resolves to, without starting any server. */
class FarmDeclarationTest {

  @Test
  void derivesIdsPerZoneOnEphemeralLoopbackPorts() {
    FarmDeclaration declaration = new FarmDeclaration();
    declaration.zones(List.of("a", "b", "a", ""));

    List<FarmDeclaration.Declared> declared = declaration.instances();

    assertThat(declared)
        .extracting(FarmDeclaration.Declared::id)
        .containsExactly("a1", "b1", "a2", "i1");
    assertThat(declared)
        .extracting(FarmDeclaration.Declared::zone)
        .containsExactly("a", "b", "a", "");
    assertThat(declared)
        .extracting(FarmDeclaration.Declared::address)
        .containsOnly(new InetSocketAddress("127.0.0.1", 0));
  }

  @Test
  void countWithoutZonesGivesUnzonedIds() {
    FarmDeclaration declaration = new FarmDeclaration();
    declaration.count(3);

    assertThat(declaration.instances())
        .extracting(FarmDeclaration.Declared::id)
        .containsExactly("i1", "i2", "i3");
  }

  @Test
  void keepsExplicitInstancesInOrderWithTheirAddresses() {
    FarmDeclaration declaration = new FarmDeclaration();
    declaration.add("x", "z1", "127.0.0.3", 8081);
    declaration.add("y", "", "::1", 0);

    assertThat(declaration.instances())
        .containsExactly(
            new FarmDeclaration.Declared("x", "z1", new InetSocketAddress("127.0.0.3", 8081)),
            new FarmDeclaration.Declared("y", "", new InetSocketAddress("::1", 0)));
    assertThat(declaration.instances()).isEqualTo(declaration.instances());
  }

  @Test
  void rejectsExplicitInstancesMixedWithACountAndNonLoopbackHosts() {
    FarmDeclaration declaration = new FarmDeclaration();
    declaration.add("x", "", "127.0.0.1", 0);
    declaration.count(2);

    assertThatThrownBy(declaration::instances)
        .hasMessage(
            "instance: [x] (expected: either instance(id, zone) or instances(n)/zones(...), not"
                + " both)");
    assertThatThrownBy(() -> declaration.add("y", "", "10.0.0.1", 0))
        .hasMessage("host: '10.0.0.1' (expected: a loopback IP address literal such as 127.0.0.2)");
    assertThatThrownBy(() -> declaration.add("y", "", "localhost", 0))
        .hasMessage(
            "host: 'localhost' (expected: a loopback IP address literal such as 127.0.0.2)");
    assertThatThrownBy(() -> declaration.add("y", "", "127.0.0.1", 65536))
        .hasMessage("port: 65536 (expected: 0..65535)");
  }
}
