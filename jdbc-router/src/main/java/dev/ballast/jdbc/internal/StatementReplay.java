package dev.ballast.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to build a statement again on another physical connection: how it was created and
 * the settings and parameters given to it before its first execution. Lets a read that failed on a
 * replica's dead connection run again elsewhere with the same statement object.
 *
 * <p>Only calls that configure ({@code set*}, {@code clearParameters}, {@code closeOnCompletion})
 * are kept. A parameter that cannot be given twice makes the statement unreplayable: a stream or
 * reader (the first attempt may have consumed it) or a LOB, array or other object that belongs to
 * the first connection. Used by one thread, like its statement.
 */
final class StatementReplay {
  /** Creates the statement on a physical connection. */
  @FunctionalInterface
  interface Factory {
    Statement create(Connection physical) throws SQLException;
  }

  private static final Class<?>[] NOT_REPLAYABLE = {
    InputStream.class,
    Reader.class,
    Blob.class,
    Clob.class,
    Array.class,
    Struct.class,
    Ref.class,
    RowId.class,
    SQLXML.class
  };

  private final Factory factory;
  private final List<Method> methods = new ArrayList<>();
  private final List<@Nullable Object @Nullable []> arguments = new ArrayList<>();

  StatementReplay(Factory factory) {
    this.factory = factory;
  }

  /**
   * Keeps {@code method} if it configures the statement; other calls need no replay.
   *
   * @return false when the statement can no longer be built again as it is (drop this replay)
   */
  boolean record(Method method, @Nullable Object @Nullable [] args) {
    String name = method.getName();
    if (!name.startsWith("set")
        && !name.equals("clearParameters")
        && !name.equals("closeOnCompletion")) {
      // A batch is not kept: a statement built again would lack it.
      return !name.equals("addBatch") && !name.equals("clearBatch");
    }
    if (args != null) {
      for (Object a : args) {
        for (Class<?> type : NOT_REPLAYABLE) {
          if (type.isInstance(a)) {
            return false;
          }
        }
      }
    }
    methods.add(method);
    arguments.add(args == null ? null : args.clone());
    return true;
  }

  /**
   * The statement created again on {@code physical}, configured as the recorded one was; closed
   * again if a recorded call fails.
   */
  Statement recreate(Connection physical) throws SQLException {
    Statement s = factory.create(physical);
    try {
      for (int i = 0; i < methods.size(); i++) {
        methods.get(i).invoke(s, arguments.get(i));
      }
      return s;
    } catch (InvocationTargetException e) {
      JdbcClose.quietly(s);
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("could not configure the statement again: " + cause, cause);
    } catch (IllegalAccessException | RuntimeException e) {
      JdbcClose.quietly(s);
      throw new SQLException("could not configure the statement again: " + e, e);
    }
  }
}
