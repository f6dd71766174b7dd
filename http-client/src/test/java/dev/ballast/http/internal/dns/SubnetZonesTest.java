package dev.ballast.http.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Zones by subnet: IPv4 and IPv6 CIDR blocks, the most specific wins, bad pairs are named. */
class SubnetZonesTest {
  private static String zone(SubnetZones zones, String literal) throws Exception {
    return zones.zoneOf(InetAddress.getByAddress(Addresses.parseLiteral(literal)));
  }

  @Test
  void findsTheZoneOfTheMostSpecificSubnet() throws Exception {
    SubnetZones zones =
        SubnetZones.parse(
            "10.0.0.0/16=a, 10.0.9.0/24=b,10.0.9.128/25=c,fd00:1::/64=a,fd00::/16=v6,0.0.0.0/0=any4");
    assertThat(zone(zones, "10.0.1.7")).isEqualTo("a");
    assertThat(zone(zones, "10.0.9.7")).isEqualTo("b");
    assertThat(zone(zones, "10.0.9.200")).isEqualTo("c");
    assertThat(zone(zones, "192.168.1.1")).isEqualTo("any4");
    assertThat(zone(zones, "fd00:1::5")).isEqualTo("a");
    assertThat(zone(zones, "fd00:2::5")).isEqualTo("v6");
    assertThat(zone(zones, "2001:db8::1")).as("in no subnet").isEmpty();
  }

  @Test
  void aHostAddressWithAPrefixMeansItsSubnet() throws Exception {
    SubnetZones zones = SubnetZones.parse("10.0.1.77/24=a,10.0.1.255/32=edge");
    assertThat(zone(zones, "10.0.1.3")).isEqualTo("a");
    assertThat(zone(zones, "10.0.1.255")).isEqualTo("edge");
    assertThat(zone(zones, "10.0.2.3")).isEmpty();
  }

  @Test
  void namesTheBadPair() {
    assertThatThrownBy(() -> SubnetZones.parse("10.0.1.0/24=a,10.0.2.0/24"))
        .hasMessage("'10.0.2.0/24': no '=<zone>'");
    assertThatThrownBy(() -> SubnetZones.parse("10.0.1.0=a"))
        .hasMessage("'10.0.1.0=a': no '/<prefix length>'");
    assertThatThrownBy(() -> SubnetZones.parse("10.0.1/24=a"))
        .hasMessage("'10.0.1/24=a': '10.0.1' is not an IPv4 or IPv6 address");
    assertThatThrownBy(() -> SubnetZones.parse("host.example/24=a"))
        .hasMessage("'host.example/24=a': 'host.example' is not an IPv4 or IPv6 address");
    assertThatThrownBy(() -> SubnetZones.parse("fd00::/129=a"))
        .hasMessage("'fd00::/129=a': prefix length 129 is not in 0..128");
    assertThatThrownBy(() -> SubnetZones.parse("10.0.1.0/x=a"))
        .hasMessage("'10.0.1.0/x=a': 'x' is not a prefix length");
    assertThatThrownBy(() -> SubnetZones.parse("10.0.1.0/24="))
        .hasMessage("'10.0.1.0/24=': the zone must be non-empty, without whitespace or ';'");
    assertThatThrownBy(() -> SubnetZones.parse("10.0.1.0/24=a,10.0.1.9/24=b"))
        .hasMessage("'10.0.1.9/24=b': subnet 10.0.1.9/24 is listed twice");
    assertThatThrownBy(() -> SubnetZones.parse("")).hasMessage("'': no '=<zone>'");
  }
}
