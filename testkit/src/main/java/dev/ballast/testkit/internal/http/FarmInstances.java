package dev.ballast.testkit.internal.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.testkit.HttpInstance;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The instances of one farm, created stopped as its {@link FarmDeclaration} says on the farm's
 * event loop group: looked up by id or zone, summed over, started and closed together. The list and
 * the index never change after construction, so reads are thread-safe.
 */
public final class FarmInstances {

  private final List<NettyHttpInstance> instances;
  private final List<HttpInstance> view;
  private final Map<String, HttpInstance> byId;

  /**
   * Creates every declared instance, stopped.
   *
   * @param declaration the farm's settings
   * @param declared the instances to create, from {@link FarmDeclaration#instances()}
   * @param group the farm's event loop group
   */
  public FarmInstances(
      FarmDeclaration declaration, List<FarmDeclaration.Declared> declared, EventLoopGroup group) {
    List<NettyHttpInstance> created = new ArrayList<>();
    Map<String, HttpInstance> index = new LinkedHashMap<>();
    for (FarmDeclaration.Declared d : declared) {
      NettyHttpInstance instance =
          new NettyHttpInstance(
              d.id(),
              d.zone(),
              d.address().getHostString(),
              d.address().getPort(),
              declaration.healthPath(),
              declaration.requestLogCapacity(),
              group);
      instance.concurrencyLimit(declaration.concurrencyLimit());
      created.add(instance);
      index.put(instance.id(), instance);
    }
    this.instances = List.copyOf(created);
    this.view = List.copyOf(created);
    this.byId = index;
  }

  /** {@return every instance, in declaration order; immutable} */
  public List<HttpInstance> all() {
    return view;
  }

  /**
   * {@return the instance with {@code id}}
   *
   * @param id the instance's id
   * @throws IllegalArgumentException when no instance has that id
   */
  public HttpInstance byId(String id) {
    HttpInstance instance = byId.get(requireNonNull(id, "id"));
    if (instance == null) {
      throw new IllegalArgumentException("id: " + id + " (expected: one of " + byId.keySet() + ")");
    }
    return instance;
  }

  /**
   * {@return the instances in {@code zone}, in declaration order; empty when there are none}
   *
   * @param zone the zone
   */
  public List<HttpInstance> inZone(String zone) {
    requireNonNull(zone, "zone");
    return view.stream()
        .filter(i -> i.zone().equals(zone))
        .collect(Collectors.toUnmodifiableList());
  }

  /** {@return the sum of every instance's request count} */
  public long totalRequests() {
    long total = 0;
    for (HttpInstance instance : view) {
      total += instance.requestCount();
    }
    return total;
  }

  /** Starts every instance in order; the first failure propagates. */
  public void startAll() {
    instances.forEach(NettyHttpInstance::start);
  }

  /** Closes every instance for good. */
  public void closeAll() {
    instances.forEach(NettyHttpInstance::close);
  }
}
