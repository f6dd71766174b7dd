package dev.ballast.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that records the SQL of every statement execution made on its connections by one
 * thread (the test's; the router's monitor probes on its own threads and is not counted): each
 * entry is one server round trip.
 */
final class CountingDataSource extends DelegatingDataSource {
  private final Thread counted;
  private final List<String> executions = new CopyOnWriteArrayList<>();

  CountingDataSource(DataSource target) {
    super(target);
    this.counted = Thread.currentThread();
  }

  /** The SQL of every execution on the counted thread so far. */
  List<String> executions() {
    return List.copyOf(executions);
  }

  /** How many of the executions read the primary's WAL position (read-your-writes tokens). */
  long positionQueries() {
    return executions.stream().filter(CountingDataSource::isPositionQuery).count();
  }

  static boolean isPositionQuery(String sql) {
    return sql.contains("pg_current_wal");
  }

  void reset() {
    executions.clear();
  }

  @Override
  public Connection getConnection() throws java.sql.SQLException {
    Connection c = super.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            forward(
                c,
                (m, args, result) -> {
                  if (result instanceof Statement s && m.getName().startsWith("prepare")) {
                    return statement(s, m.getReturnType(), String.valueOf(args[0]));
                  }
                  if (result instanceof Statement s) {
                    return statement(s, Statement.class, null);
                  }
                  return result;
                }));
  }

  private Object statement(Statement s, Class<?> type, String prepared) {
    return Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {type},
        forward(
            s,
            (m, args, result) -> {
              if (m.getName().startsWith("execute") && Thread.currentThread() == counted) {
                boolean withSql = args != null && args.length > 0 && args[0] instanceof String;
                executions.add(withSql ? (String) args[0] : String.valueOf(prepared));
              }
              return result;
            }));
  }

  /** What to do with a call's result. */
  private interface After {
    Object apply(Method m, Object[] args, Object result);
  }

  private static InvocationHandler forward(Object target, After after) {
    return (proxy, m, args) -> {
      if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
        return m.invoke(target, args);
      }
      Object result;
      try {
        result = m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      return after.apply(m, args, result);
    };
  }
}
