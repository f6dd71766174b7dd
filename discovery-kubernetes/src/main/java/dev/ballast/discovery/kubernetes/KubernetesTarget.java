package dev.ballast.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code discovery=kubernetes} binding watches and how, as read from its keys.
 *
 * @param service the Kubernetes Service whose EndpointSlices are watched
 * @param namespace its namespace
 * @param portName the port to call; null for the only one published
 * @param portNameKey the full key of {@code port-name}, named in errors that ask to set it
 * @param masterUrl the API server; null for in-cluster configuration, else kubeconfig
 * @param reconnectDelay the first delay before listing again after a failure
 * @param maxReconnectDelay the cap of the doubling delay
 */
record KubernetesTarget(
    String service,
    String namespace,
    @Nullable String portName,
    String portNameKey,
    @Nullable String masterUrl,
    Duration reconnectDelay,
    Duration maxReconnectDelay) {
  KubernetesTarget {
    requireNonNull(service, "service");
    requireNonNull(namespace, "namespace");
    requireNonNull(portNameKey, "portNameKey");
    requireNonNull(reconnectDelay, "reconnectDelay");
    requireNonNull(maxReconnectDelay, "maxReconnectDelay");
  }

  /** For logs and errors: {@code namespace/service}. */
  String where() {
    return namespace + "/" + service;
  }
}
