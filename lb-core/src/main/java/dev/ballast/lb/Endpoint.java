package dev.ballast.lb;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instance of a service (or one database host): an immutable value.
 *
 * <p>Two endpoints are equal when their {@link #id() ids} are equal; the other fields describe the
 * instance and may change between endpoint sets (a changed weight or zone under the same id is the
 * same endpoint with new attributes, and keeps its live statistics).
 *
 * <p>Thread-safe: immutable.
 */
public final class Endpoint {
  private final String id;
  private final String host;
  private final int port;
  private final String zone;
  private final int weight;
  private final Map<String, String> metadata;

  private Endpoint(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.id = b.id != null ? b.id : host + ":" + port;
    this.zone = b.zone;
    this.weight = b.weight;
    this.metadata = Collections.unmodifiableMap(new TreeMap<>(b.metadata));
  }

  /**
   * {@return an endpoint with id {@code host:port}, no zone and weight 1}
   *
   * @param host the host name or IP address
   * @param port the TCP port
   * @throws IllegalArgumentException if the host is blank or the port is outside 1..65535
   */
  public static Endpoint of(String host, int port) {
    return builder(host, port).build();
  }

  /**
   * {@return a builder for an endpoint at {@code host:port}; validation happens in {@link
   * Builder#build()}}
   *
   * @param host the host name or IP address
   * @param port the TCP port
   */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /**
   * {@return the stable identity of the endpoint; {@code host:port} unless set explicitly} Never
   * null.
   */
  public String id() {
    return id;
  }

  /** {@return the host name or address} Never null or blank. */
  public String host() {
    return host;
  }

  /** {@return the TCP port, 1..65535} */
  public int port() {
    return port;
  }

  /** {@return the availability zone (or data centre) label; empty when unknown, never null} */
  public String zone() {
    return zone;
  }

  /** {@return the relative weight, at least 1} */
  public int weight() {
    return weight;
  }

  /** {@return the free-form attributes (for example a URL scheme); unmodifiable, never null} */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * {@return a copy of this endpoint with another weight}
   *
   * @param newWeight the weight of the copy
   */
  public Endpoint withWeight(int newWeight) {
    return toBuilder().weight(newWeight).build();
  }

  /** {@return a builder pre-filled with this endpoint's fields} */
  public Builder toBuilder() {
    Builder b = new Builder(host, port).id(id).zone(zone).weight(weight);
    b.metadata.putAll(metadata);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Endpoint && ((Endpoint) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(id);
    if (!id.equals(host + ":" + port)) {
      sb.append('(').append(host).append(':').append(port).append(')');
    }
    if (!zone.isEmpty()) {
      sb.append(";zone=").append(zone);
    }
    if (weight != 1) {
      sb.append(";weight=").append(weight);
    }
    return sb.toString();
  }

  /** Builds an {@link Endpoint}; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private @org.jspecify.annotations.Nullable String id;
    private String zone = "";
    private int weight = 1;
    private final Map<String, String> metadata = new TreeMap<>();

    private Builder(String host, int port) {
      this.host = requireNonNull(host, "host");
      this.port = port;
    }

    /**
     * Sets the identity (default {@code host:port}).
     *
     * @param id the identity (default {@code host:port})
     * @return this builder
     */
    public Builder id(String id) {
      this.id = requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the zone label; empty means unknown.
     *
     * @param zone the zone label; empty means unknown
     * @return this builder
     */
    public Builder zone(String zone) {
      this.zone = requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets the relative weight (at least 1).
     *
     * @param weight the relative weight (at least 1)
     * @return this builder
     */
    public Builder weight(int weight) {
      this.weight = weight;
      return this;
    }

    /**
     * Adds one metadata attribute.
     *
     * @param key the metadata key
     * @param value the value
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      metadata.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the endpoint
     * @throws IllegalArgumentException naming the field, its value and what was expected
     */
    public Endpoint build() {
      if (host.isBlank()) {
        throw new IllegalArgumentException(
            "host: '" + host + "' (expected: a host name or address)");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
      }
      if (weight < 1) {
        throw new IllegalArgumentException("weight: " + weight + " (expected: an integer >= 1)");
      }
      if (id != null && id.isBlank()) {
        throw new IllegalArgumentException("id: '' (expected: a non-blank identity)");
      }
      return new Endpoint(this);
    }
  }
}
