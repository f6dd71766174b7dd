package dev.ballast.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
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
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to build a statement again on another physical connection: how it was created and
 * the settings and parameters given to it before its first execution. Lets a read that failed on a
 * replica's dead connection run again elsewhere with the same statement object.
 *
 * <p>Only calls that configure ({@code set*}, {@code clearParameters}, {@code closeOnCompletion})
 * are kept, each as a step recorded by the routed statement after the physical statement accepted
 * it. A parameter that cannot be given twice makes the statement unreplayable (the statement then
 * drops its replay): a stream or reader (the first attempt may have consumed it) or a LOB, array or
 * other object that belongs to the first connection. Used by one thread, like its statement.
 */
final class StatementReplay {
  /**
   * Creates the statement for {@code sql} (empty for a plain {@code Statement}) on a physical
   * connection. The text is a parameter, not captured, so that {@code prepareStatement(sql)} needs
   * no new factory per call.
   */
  @FunctionalInterface
  interface Factory {
    Statement create(Connection physical, String sql) throws SQLException;
  }

  /** One configuring call, applied again to the statement built anew. */
  @FunctionalInterface
  interface Step {
    void apply(Statement statement) throws SQLException;
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
  private final String sql;

  /**
   * The recorded steps, {@code size} of them, allocated at the first: every read that may run again
   * records its parameters here, so this is on the read path and kept to one small array.
   */
  private Step @Nullable [] steps;

  private int size;

  StatementReplay(Factory factory, String sql) {
    this.factory = factory;
    this.sql = sql;
  }

  /** Whether {@code value}, given as a parameter, can be given again to another statement. */
  static boolean replayable(@Nullable Object value) {
    if (value == null) {
      return true;
    }
    for (Class<?> type : NOT_REPLAYABLE) {
      if (type.isInstance(value)) {
        return false;
      }
    }
    return true;
  }

  /** Keeps {@code step}, a configuring call the statement accepted. */
  void record(Step step) {
    Step[] s = steps;
    if (s == null) {
      s = new Step[2];
      steps = s;
    } else if (size == s.length) {
      s = Arrays.copyOf(s, size * 2);
      steps = s;
    }
    s[size++] = step;
  }

  /** The number of recorded steps (for tests). */
  int size() {
    return size;
  }

  /**
   * The statement created again on {@code physical}, configured as the recorded one was; closed
   * again if a recorded call fails.
   */
  Statement recreate(Connection physical) throws SQLException {
    Statement s = factory.create(physical, sql);
    try {
      Step[] recorded = steps;
      for (int i = 0; recorded != null && i < size; i++) {
        recorded[i].apply(s);
      }
      return s;
    } catch (SQLException | RuntimeException e) {
      JdbcClose.quietly(s);
      throw e;
    }
  }
}
