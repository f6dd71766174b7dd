package dev.ballast.discovery.zookeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How one child node of the service's path describes an instance ({@code zookeeper.format}).
 * Stateless and thread-safe.
 */
enum NodeFormat {
  /**
   * Registered by Curator's service discovery recipe ({@code curator-x-discovery}): the node holds
   * a {@code ServiceInstance} as JSON. Address and port (the SSL port, called over https, when
   * there is no plain one) come from the instance; {@code zone} and {@code weight} from its payload
   * when the payload is a JSON object (whatever its class); an instance with {@code enabled=false}
   * (written by Curator's {@code JsonInstanceSerializer} when not in compatible mode) is draining.
   */
  CURATOR {
    @Override
    DiscoveredEndpoint parse(byte[] data) throws Exception {
      JsonNode instance = JSON.readTree(data);
      String address = text(instance, "address");
      JsonNode port = instance.path("port");
      JsonNode sslPort = instance.path("sslPort");
      if (address.isEmpty() || !(port.canConvertToInt() || sslPort.canConvertToInt())) {
        throw new IllegalArgumentException(
            "a curator-x-discovery instance with an address and a port");
      }
      Endpoint.Builder b =
          port.canConvertToInt()
              ? Endpoint.builder(address, port.asInt()).metadata("scheme", "http")
              : Endpoint.builder(address, sslPort.asInt()).metadata("scheme", "https");
      JsonNode payload = instance.path("payload");
      String zone = text(payload, "zone");
      if (!zone.isEmpty()) {
        b.zone(zone);
      }
      String weight = text(payload, "weight");
      if (!weight.isEmpty()) {
        b.weight(Integer.parseInt(weight));
      }
      // Absent in the JSON of Curator's compatible serialization mode (its default): enabled.
      return new DiscoveredEndpoint(b.build(), !instance.path("enabled").asBoolean(true));
    }
  },

  /**
   * Each child node's data is one endpoint written as an entry of {@code endpoints=}: {@code
   * http://10.0.1.5:8080;zone=a;weight=2} (the scheme may be left out: {@code 10.0.1.5:8080;zone=a}
   * means http), plus {@code ;draining=true} for an instance on its way out.
   */
  PLAIN {
    @Override
    DiscoveredEndpoint parse(byte[] data) {
      return EndpointEntry.parse(new String(data, StandardCharsets.UTF_8));
    }
  };

  // The JSON tree, not Curator's serializer: the payload carries "@class" naming the registering
  // application's payload class, which is not on this class path; binding it would fail every
  // node. Jackson comes with curator-x-discovery. Thread-safe once built.
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText().trim() : "";
  }

  /** What {@code zookeeper.format} accepts. */
  static final String EXPECTED = "curator or plain";

  /**
   * The instance a node describes.
   *
   * @throws Exception with a message saying what was expected when the data is not one
   */
  abstract DiscoveredEndpoint parse(byte[] data) throws Exception;

  /** {@code curator} or {@code plain}, any letter case. */
  static NodeFormat of(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }
}
