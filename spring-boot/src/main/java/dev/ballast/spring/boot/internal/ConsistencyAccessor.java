package dev.ballast.spring.boot.internal;

import dev.ballast.jdbc.ConsistencyScope;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Carries a reactive request's {@link RequestConsistency} from the Reactor {@code Context} into the
 * router's per-thread read-your-writes state, on whatever thread a signal of the request runs
 * (Reactor's automatic context propagation calls it around each signal and around {@code
 * subscribeOn} work, e.g. a blocking JDBC call in {@code Mono.fromCallable(...)
 * .subscribeOn(Schedulers.boundedElastic())}).
 *
 * <p>{@link #setValue(RequestConsistency)} opens a router scope at the request's latest position,
 * so reads on this thread wait for it; {@link #restore} first collects the position of writes made
 * inside the scope into the request, then closes the scope. Reactor nests these calls strictly per
 * thread, so each thread keeps a stack of bindings.
 */
public final class ConsistencyAccessor implements ThreadLocalAccessor<RequestConsistency> {
  /** The Reactor {@code Context} key of the request's {@link RequestConsistency}. */
  public static final String KEY = "dev.ballast.consistency";

  private static final ThreadLocal<@Nullable Binding> CURRENT = new ThreadLocal<>();

  /** One level of the per-thread stack; {@code request} is null where Reactor cleared the key. */
  private record Binding(
      @Nullable RequestConsistency request,
      @Nullable ConsistencyScope scope,
      @Nullable Binding parent) {}

  /** Registers the accessor with the global registry (again: replaces it). */
  public static void register() {
    ContextRegistry.getInstance().registerThreadLocalAccessor(new ConsistencyAccessor());
  }

  /**
   * Raises {@code request} to the position of this thread's writes if the thread is bound to it.
   */
  static void collect(RequestConsistency request) {
    Binding b = CURRENT.get();
    if (b != null && b.request == request) {
      request.router().currentToken().ifPresent(request::advance);
    }
  }

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public @Nullable RequestConsistency getValue() {
    Binding b = CURRENT.get();
    return b == null ? null : b.request;
  }

  @Override
  public void setValue(RequestConsistency request) {
    ConsistencyScope scope = request.router().withToken(request.latest());
    CURRENT.set(new Binding(request, scope, CURRENT.get()));
  }

  @Override
  public void setValue() {
    CURRENT.set(new Binding(null, null, CURRENT.get()));
  }

  @Override
  public void restore(RequestConsistency previous) {
    pop();
  }

  @Override
  public void restore() {
    pop();
  }

  private static void pop() {
    Binding b = CURRENT.get();
    if (b == null) {
      return;
    }
    RequestConsistency request = b.request;
    if (request != null) {
      collect(request);
    }
    if (b.scope != null) {
      b.scope.close();
    }
    if (b.parent == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(b.parent);
    }
  }
}
