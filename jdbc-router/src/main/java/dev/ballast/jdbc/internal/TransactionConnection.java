package dev.ballast.jdbc.internal;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link LogicalConnection}'s transactions end: auto-commit switched, commit and rollback on
 * the bound physical connection, each telling the {@link Session} (IN_TRANSACTION → BOUND) and,
 * when committed writes owe read-your-writes a position, taking it once. Unbound, a commit or
 * rollback behaves as pgjdbc does: an error in auto-commit mode, nothing to end otherwise. Binding
 * and moving are the subclass's. Confined to the connection's thread.
 */
abstract class TransactionConnection extends TrackingConnection {
  TransactionConnection(Router router, boolean autoCommit, boolean readOnly) {
    super(router, autoCommit, readOnly);
  }

  @Override
  public final void setAutoCommit(boolean value) throws SQLException {
    checkOpen();
    Binding b = binding();
    if (b == null || value == autoCommit) {
      autoCommit = value;
      return;
    }
    if (!value) {
      // The owed position must be read before a transaction opens: read inside it, it would
      // not be the commit's.
      recordPosition();
    }
    try {
      b.physical().setAutoCommit(value);
    } catch (SQLException e) {
      throw failed(e);
    }
    autoCommit = value;
    if (value && end(true)) {
      // Turning auto-commit on commits the open transaction (JDBC).
      router.recordCommit(b.physical());
    }
  }

  @Override
  public final boolean getAutoCommit() throws SQLException {
    checkOpen();
    return autoCommit;
  }

  @Override
  public final void commit() throws SQLException {
    Binding b = boundForEnd("commit");
    if (b == null) {
      return;
    }
    try {
      b.physical().commit();
    } catch (SQLException e) {
      throw failed(e);
    }
    if (end(true)) {
      forgetOwed();
      router.recordCommit(b.physical());
    }
  }

  @Override
  public final void rollback() throws SQLException {
    Binding b = boundForEnd("rollback");
    if (b == null) {
      return;
    }
    try {
      b.physical().rollback();
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      end(false);
    }
  }

  /**
   * The binding a commit or rollback ends; null when unbound with auto-commit off (nothing ran,
   * nothing to end).
   *
   * @throws SQLException 25P01 when unbound in auto-commit mode, as pgjdbc does
   */
  private @Nullable Binding boundForEnd(String what) throws SQLException {
    checkOpen();
    Binding b = binding();
    if (b == null && autoCommit) {
      throw new SQLException("cannot " + what + " when auto-commit is enabled", "25P01");
    }
    return b;
  }
}
