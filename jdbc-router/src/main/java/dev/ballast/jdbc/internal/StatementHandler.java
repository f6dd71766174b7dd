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
  private final Statement target;
  private final LogicalConnection owner;
  private final Binding binding;

  private StatementHandler(Statement target, LogicalConnection owner, Binding binding) {
    this.target = target;
    this.owner = owner;
    this.binding = binding;
  }

  static <T extends Statement> T wrap(
      T target, Class<T> type, LogicalConnection owner, Binding binding) {
    Object proxy =
        Proxy.newProxyInstance(
            StatementHandler.class.getClassLoader(),
            new Class<?>[] {type},
            new StatementHandler(target, owner, binding));
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
          return execute(method, args);
        }
      }
    }
    return call(method, args);
  }

  private @Nullable Object execute(Method method, @Nullable Object[] args) throws Throwable {
    owner.beforeExecute(binding);
    Object result;
    try {
      result = call(method, args);
    } catch (SQLException e) {
      owner.executeFailed(binding, e);
      throw e;
    }
    owner.afterExecute(binding);
    return result;
  }

  private @Nullable Object call(Method method, @Nullable Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
