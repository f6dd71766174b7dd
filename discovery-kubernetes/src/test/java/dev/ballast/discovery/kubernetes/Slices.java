package dev.ballast.discovery.kubernetes;

import dev.ballast.testkit.HttpInstance;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;

/**
 * EndpointSlices written the way Kubernetes' EndpointSlice controller writes them: labelled with
 * {@code kubernetes.io/service-name} and {@code endpointslice.kubernetes.io/managed-by}, address
 * type IPv4, one slice per distinct port mapping, each endpoint with its conditions, zone, node and
 * target pod.
 */
final class Slices {
  private Slices() {}

  /** Condition sets the controller writes over a pod's life. */
  enum State {
    /** Created, readiness probe not passed yet: ready=false serving=false terminating=false. */
    STARTING(false, false, false),
    /** Ready: ready=true serving=true terminating=false. */
    READY(true, true, false),
    /** Deleted but still passing its readiness probe: ready=false serving=true terminating=true. */
    TERMINATING(false, true, true),
    /** Deleted and failing its probe: ready=false serving=false terminating=true. */
    TERMINATING_NOT_SERVING(false, false, true),
    /** Running but failing its readiness probe: all false. */
    NOT_READY(false, false, false);

    final boolean ready;
    final boolean serving;
    final boolean terminating;

    State(boolean ready, boolean serving, boolean terminating) {
      this.ready = ready;
      this.serving = serving;
      this.terminating = terminating;
    }
  }

  static Endpoint endpoint(String ip, String zone, String pod, State state) {
    return new EndpointBuilder()
        .withAddresses(ip)
        .withZone(zone)
        .withNodeName("node-" + zone)
        .withNewConditions()
        .withReady(state.ready)
        .withServing(state.serving)
        .withTerminating(state.terminating)
        .endConditions()
        .withNewTargetRef()
        .withKind("Pod")
        .withName(pod)
        .withNamespace("test")
        .endTargetRef()
        .build();
  }

  /** The endpoint of a testkit instance (always 127.0.0.1), its pod named after it. */
  static Endpoint endpoint(HttpInstance i, State state) {
    return endpoint(i.host(), i.zone(), "pod-" + i.id(), state);
  }

  static EndpointPort port(String name, int port) {
    return new EndpointPortBuilder().withName(name).withPort(port).withProtocol("TCP").build();
  }

  static EndpointSlice slice(
      String name, String service, List<EndpointPort> ports, Endpoint... endpoints) {
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("test")
        .addToLabels(SliceWatch.SERVICE_NAME_LABEL, service)
        .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
        .endMetadata()
        .withAddressType("IPv4")
        .withPorts(ports)
        .withEndpoints(endpoints)
        .build();
  }

  /**
   * The slice holding one testkit instance's pod. The instances listen on distinct ports of one
   * address, and the controller keeps one slice per distinct port mapping, so each pod has its own
   * slice, named {@code <service>-<instance id>}.
   */
  static EndpointSlice slice(String service, HttpInstance i, State state) {
    return slice(
        service + "-" + i.id(), service, List.of(port("http", i.port())), endpoint(i, state));
  }
}
