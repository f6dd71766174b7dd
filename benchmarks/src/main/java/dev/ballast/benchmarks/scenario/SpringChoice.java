package dev.ballast.benchmarks.scenario;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/** Spring Cloud LoadBalancer's round robin over a fixed instance list, wired without a context. */
final class SpringChoice {
  private SpringChoice() {}

  /** A {@code RoundRobinLoadBalancer} over {@code instances}, starting at {@code seedPosition}. */
  static RoundRobinLoadBalancer roundRobin(
      String serviceId, List<ServiceInstance> instances, int seedPosition) {
    Flux<List<ServiceInstance>> flux = Flux.just(List.copyOf(instances));
    ServiceInstanceListSupplier supplier =
        new ServiceInstanceListSupplier() {
          @Override
          public String getServiceId() {
            return serviceId;
          }

          @Override
          public Flux<List<ServiceInstance>> get() {
            return flux;
          }
        };
    ObjectProvider<ServiceInstanceListSupplier> provider =
        new ObjectProvider<>() {
          @Override
          public ServiceInstanceListSupplier getObject() {
            return supplier;
          }

          @Override
          public ServiceInstanceListSupplier getObject(Object... args) {
            return supplier;
          }

          @Override
          public ServiceInstanceListSupplier getIfAvailable() {
            return supplier;
          }

          @Override
          public ServiceInstanceListSupplier getIfUnique() {
            return supplier;
          }
        };
    return new RoundRobinLoadBalancer(provider, serviceId, seedPosition);
  }
}
