package dev.ballast.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source of fake connections that record what is done to them, for unit tests of the logical
 * connection. Queries fail as an unknown function (SQLState 42883), so the monitor falls back to
 * {@code isValid} and keeps the configured roles.
 */
final class StubDataSource implements DataSource {
  final String name;
  final List<StubConnection> handedOut = new CopyOnWriteArrayList<>();
  volatile Thread counted = Thread.currentThread();

  /** SQLState with which the test thread's executions fail; empty: they succeed. */
  volatile String failExecutionsWithState = "";

  StubDataSource(String name) {
    this.name = name;
  }

  /** Connections handed out to the test thread (not to the monitor's probe threads). */
  List<StubConnection> forTestThread() {
    List<StubConnection> result = new ArrayList<>();
    for (StubConnection c : handedOut) {
      if (c.thread == counted) {
        result.add(c);
      }
    }
    return result;
  }

  StubConnection last() {
    List<StubConnection> mine = forTestThread();
    return mine.get(mine.size() - 1);
  }

  @Override
  public Connection getConnection() {
    StubConnection c = new StubConnection(this);
    handedOut.add(c);
    return c.proxy;
  }

  @Override
  public Connection getConnection(String username, String password) {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }

  /** One fake physical connection. */
  static final class StubConnection implements InvocationHandler {
    final StubDataSource owner;
    final Thread thread = Thread.currentThread();
    final Connection proxy;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> executed = new CopyOnWriteArrayList<>();

    /** Calls on this connection's statements other than executions, e.g. {@code setInt[1, 7]}. */
    final List<String> statementCalls = new CopyOnWriteArrayList<>();

    final List<Statement> statements = new CopyOnWriteArrayList<>();
    volatile boolean closed;
    volatile boolean autoCommit = true;
    volatile boolean readOnly;

    StubConnection(StubDataSource owner) {
      this.owner = owner;
      this.proxy =
          (Connection)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(), new Class<?>[] {Connection.class}, this);
    }

    @Override
    public Object invoke(Object p, Method m, Object[] args) throws Throwable {
      String n = m.getName();
      if (!n.equals("getAutoCommit") && !n.equals("isReadOnly")) {
        calls.add(n + (args == null ? "" : java.util.Arrays.toString(args)));
      }
      switch (n) {
        case "close":
          closed = true;
          return null;
        case "isClosed":
          return closed;
        case "isValid":
          return !closed;
        case "getAutoCommit":
          return autoCommit;
        case "setAutoCommit":
          autoCommit = (Boolean) args[0];
          return null;
        case "isReadOnly":
          return readOnly;
        case "setReadOnly":
          readOnly = (Boolean) args[0];
          return null;
        case "createStatement":
        case "prepareStatement":
        case "prepareCall":
          Statement s = statement(m.getReturnType(), args == null ? "" : String.valueOf(args[0]));
          statements.add(s);
          return s;
        case "toString":
          return "stub connection to " + owner.name;
        case "hashCode":
          return System.identityHashCode(p);
        case "equals":
          return p == args[0];
        default:
          return defaultValue(m.getReturnType());
      }
    }

    private Statement statement(Class<?> type, String preparedSql) {
      boolean[] closedFlag = new boolean[1];
      return (Statement)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {type == Statement.class ? Statement.class : PreparedStatement.class},
              (sp, sm, sargs) -> {
                String n = sm.getName();
                if (n.equals("close")) {
                  closedFlag[0] = true;
                  return null;
                }
                if (n.equals("isClosed")) {
                  return closedFlag[0];
                }
                if (n.startsWith("execute")) {
                  String sql =
                      sargs != null && sargs.length > 0 ? String.valueOf(sargs[0]) : preparedSql;
                  String state = owner.failExecutionsWithState;
                  if (!state.isEmpty() && thread == owner.counted) {
                    throw new SQLException("stub failure", state);
                  }
                  if (n.equals("executeQuery")) {
                    throw new SQLException("function does not exist", "42883");
                  }
                  executed.add(sql);
                  return defaultValue(sm.getReturnType());
                }
                if (n.equals("hashCode")) {
                  return System.identityHashCode(sp);
                }
                if (n.equals("equals")) {
                  return sp == sargs[0];
                }
                if (n.equals("toString")) {
                  return "stub statement";
                }
                statementCalls.add(n + (sargs == null ? "" : java.util.Arrays.toString(sargs)));
                return defaultValue(sm.getReturnType());
              });
    }

    boolean allStatementsClosed() throws SQLException {
      for (Statement s : statements) {
        if (!s.isClosed()) {
          return false;
        }
      }
      return true;
    }
  }

  static Object defaultValue(Class<?> t) {
    if (t == boolean.class) {
      return false;
    }
    if (t == int.class) {
      return 0;
    }
    if (t == long.class) {
      return 0L;
    }
    if (t == void.class) {
      return null;
    }
    if (t.isPrimitive()) {
      return 0;
    }
    return null;
  }
}
