package dev.ballast.benchmarks.pick;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The smallest {@link ObjectProvider} that always has one object: how Spring hands a {@code
 * ServiceInstanceListSupplier} bean to its load balancers, without an application context.
 */
final class FixedObjectProvider<T> implements ObjectProvider<T> {
  private final T object;

  FixedObjectProvider(T object) {
    this.object = object;
  }

  @Override
  public T getObject() {
    return object;
  }

  @Override
  public T getObject(Object... args) {
    return object;
  }

  @Override
  public T getIfAvailable() {
    return object;
  }

  @Override
  public T getIfUnique() {
    return object;
  }
}
