package dev.ballast.jdbc.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a physical statement so the logical connection sees every execution (to know when a
 * transaction has work and when a write committed), gets itself back from {@code getConnection()},
 * and can close the statement when it gives the physical connection back.
 *
 * <p>A dynamic proxy rather than three wrapper classes: {@code Statement}, {@code
 * PreparedStatement} and {@code CallableStatement} have some 250 methods between them and only the
 * {@code execute*} family, {@code getConnection}, {@code close} and the wrapper methods need more
 * than delegation.
 */
final class StatementHandler implements InvocationHandler {
  private final LogicalConnection owner;
  private Statement target;
  private Binding binding;
  private @Nullable StatementReplay replay;

  private StatementHandler(
      Statement target,
      LogicalConnection owner,
      Binding binding,
      @Nullable StatementReplay replay) {
    this.target = target;
    this.owner = owner;
    this.binding = binding;
    this.replay = replay;
  }

  /**
   * A proxy of {@code target}; with a {@code replay}, its first execution may run again on another
   * host when it fails on a dead replica connection (see {@link LogicalConnection}).
   */
  static <T extends Statement> T wrap(
      T target,
      Class<T> type,
      LogicalConnection owner,
      Binding binding,
      @Nullable StatementReplay replay) {
    Object proxy =
        Proxy.newProxyInstance(
            StatementHandler.class.getClassLoader(),
            new Class<?>[] {type},
            new StatementHandler(target, owner, binding, replay));
    return type.cast(proxy);
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
      throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    Object first = arity > 0 ? args[0] : null;
    boolean selfClass = first instanceof Class<?> c && c.isInstance(proxy);
    switch (name) {
      case "getConnection" -> {
        if (arity == 0) {
          return owner;
        }
      }
      case "close" -> {
        if (arity == 0) {
          owner.statementClosed((Statement) proxy);
        }
      }
      case "unwrap" -> {
        if (arity == 1 && selfClass) {
          return proxy;
        }
      }
      case "isWrapperFor" -> {
        if (arity == 1 && selfClass) {
          return true;
        }
      }
      case "equals" -> {
        if (arity == 1) {
          return proxy == first;
        }
      }
      case "hashCode" -> {
        if (arity == 0) {
          return System.identityHashCode(proxy);
        }
      }
      case "toString" -> {
        if (arity == 0) {
          return "RoutedStatement[" + binding + ", " + target + "]";
        }
      }
      default -> {
        if (name.startsWith("execute")) {
          return execute((Statement) proxy, method, args);
        }
        StatementReplay r = replay;
        if (r != null) {
          Object result = call(method, args);
          if (!r.record(method, args)) {
            replay = null; // it could not be built again as it now is
          }
          return result;
        }
      }
    }
    return call(method, args);
  }

  private @Nullable Object execute(Statement proxy, Method method, @Nullable Object[] args)
      throws Throwable {
    Binding b = binding;
    boolean first = owner.beforeExecute(b);
    StatementReplay r = replay;
    // Only a statement's first execution may run again: after it, results may have been seen.
    replay = null;
    Object result;
    try {
      result = call(method, args);
    } catch (SQLException e) {
      if (r == null || !first || !isQuery(method.getName()) || !owner.mayRetry(b, e, proxy)) {
        owner.executeFailed(b, e);
        throw e;
      }
      return retry(proxy, method, args, b, r, e);
    }
    owner.afterExecute(b);
    return result;
  }

  /**
   * Runs the failed first execution once more on a new binding (another replica, or the primary as
   * fallback says); the failed one is given back. The retry's own failure is thrown with the first
   * one suppressed.
   */
  private @Nullable Object retry(
      Statement proxy,
      Method method,
      @Nullable Object[] args,
      Binding failed,
      StatementReplay r,
      SQLException e)
      throws Throwable {
    Statement old = target;
    Binding fresh = owner.rebindForRetry(failed, e, proxy);
    JdbcClose.quietly(old);
    if (fresh == null) {
      throw e;
    }
    try {
      target = r.recreate(fresh.physical());
    } catch (SQLException again) {
      owner.executeFailed(fresh, again);
      again.addSuppressed(e);
      throw again;
    }
    binding = fresh;
    // replay is null by now: this execution runs once, with the same bookkeeping as any other
    try {
      return execute(proxy, method, args);
    } catch (SQLException again) {
      again.addSuppressed(e);
      throw again;
    }
  }

  /**
   * Whether {@code name} runs a statement that a read-only connection can run again: {@code
   * executeQuery} and {@code execute}, not the update or batch methods, which say they write.
   */
  private static boolean isQuery(String name) {
    return name.equals("executeQuery") || name.equals("execute");
  }

  private @Nullable Object call(Method method, @Nullable Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
