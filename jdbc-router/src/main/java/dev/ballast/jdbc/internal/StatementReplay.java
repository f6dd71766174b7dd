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
import org.jspecify.annotations.Nullable;

/**
 * The parts of building a statement again on another physical connection: how it was created (a
 * {@link Factory}) and the settings and parameters given to it before its first execution ({@link
 * Step}s, kept by the statement itself, see {@link ForwardingStatement#record}). Lets a read that
 * failed on a replica's dead connection run again elsewhere with the same statement object.
 *
 * <p>Only calls that configure ({@code set*}, {@code clearParameters}, {@code closeOnCompletion})
 * are kept, each as a step recorded by the routed statement after the physical statement accepted
 * it. A parameter that cannot be given twice makes the statement unreplayable (the statement then
 * drops its replay): a stream or reader (the first attempt may have consumed it) or a LOB, array or
 * other object that belongs to the first connection ({@link #replayable}). Stateless.
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

  private StatementReplay() {}

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
}
