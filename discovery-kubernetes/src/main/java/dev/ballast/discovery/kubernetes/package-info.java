/**
 * Endpoints of a service from Kubernetes EndpointSlices: {@code discovery=kubernetes}. Start with
 * {@link dev.ballast.discovery.kubernetes.KubernetesSourceProvider}.
 */
@NullMarked
package dev.ballast.discovery.kubernetes;

import org.jspecify.annotations.NullMarked;
