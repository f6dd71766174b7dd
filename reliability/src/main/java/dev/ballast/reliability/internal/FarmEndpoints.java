package dev.ballast.reliability.internal;

import dev.ballast.lb.Endpoint;
import dev.ballast.testkit.HttpInstance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Turns testkit instances into lb-core endpoints whose ids are the instance ids. */
public final class FarmEndpoints {
  private FarmEndpoints() {}

  /** The endpoint of {@code instance}: its address, zone, and its id as endpoint id. */
  public static Endpoint of(HttpInstance instance) {
    return Endpoint.builder(instance.host(), instance.port())
        .id(instance.id())
        .zone(instance.zone())
        .build();
  }

  /** The endpoints of {@code instances}, in order. */
  public static List<Endpoint> of(Collection<HttpInstance> instances) {
    List<Endpoint> out = new ArrayList<>();
    for (HttpInstance i : instances) {
      out.add(of(i));
    }
    return out;
  }
}
