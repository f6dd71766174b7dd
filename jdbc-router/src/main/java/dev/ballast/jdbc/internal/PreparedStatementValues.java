package dev.ballast.jdbc.internal;

import java.math.BigDecimal;
import java.net.URL;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import org.jspecify.annotations.Nullable;

/**
 * The parameter setters of {@link RoutedPreparedStatement} whose values can be given again: each is
 * forwarded and, while the statement may still run again elsewhere, recorded as a step of its
 * {@link StatementReplay}. {@code RoutedDelegationTest} fails when one is not forwarded.
 */
abstract class PreparedStatementValues extends RoutedStatement implements PreparedStatement {
  PreparedStatementValues(
      PreparedStatement target,
      StatementOwner owner,
      Binding binding,
      String sql,
      StatementReplay.@Nullable Factory replay) {
    super(target, owner, binding, sql, replay);
  }

  private PreparedStatement ps() {
    return (PreparedStatement) target;
  }

  @Override
  public void setBigDecimal(int parameterIndex, @Nullable BigDecimal x) throws SQLException {
    ps().setBigDecimal(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setBigDecimal(parameterIndex, x));
    }
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    ps().setBoolean(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setBoolean(parameterIndex, x));
    }
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    ps().setByte(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setByte(parameterIndex, x));
    }
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    ps().setBytes(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setBytes(parameterIndex, x));
    }
  }

  @Override
  public void setDate(int parameterIndex, @Nullable Date x) throws SQLException {
    ps().setDate(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setDate(parameterIndex, x));
    }
  }

  @Override
  public void setDate(int parameterIndex, @Nullable Date x, @Nullable Calendar cal)
      throws SQLException {
    ps().setDate(parameterIndex, x, cal);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setDate(parameterIndex, x, cal));
    }
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    ps().setDouble(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setDouble(parameterIndex, x));
    }
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    ps().setFloat(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setFloat(parameterIndex, x));
    }
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    ps().setInt(parameterIndex, x);
    recordInt(parameterIndex, x);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    ps().setLong(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setLong(parameterIndex, x));
    }
  }

  @Override
  public void setNString(int parameterIndex, @Nullable String value) throws SQLException {
    ps().setNString(parameterIndex, value);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setNString(parameterIndex, value));
    }
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    ps().setNull(parameterIndex, sqlType);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setNull(parameterIndex, sqlType));
    }
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, @Nullable String typeName)
      throws SQLException {
    ps().setNull(parameterIndex, sqlType, typeName);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setNull(parameterIndex, sqlType, typeName));
    }
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    ps().setShort(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setShort(parameterIndex, x));
    }
  }

  @Override
  public void setString(int parameterIndex, @Nullable String x) throws SQLException {
    ps().setString(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setString(parameterIndex, x));
    }
  }

  @Override
  public void setTime(int parameterIndex, @Nullable Time x) throws SQLException {
    ps().setTime(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setTime(parameterIndex, x));
    }
  }

  @Override
  public void setTime(int parameterIndex, @Nullable Time x, @Nullable Calendar cal)
      throws SQLException {
    ps().setTime(parameterIndex, x, cal);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setTime(parameterIndex, x, cal));
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, @Nullable Timestamp x) throws SQLException {
    ps().setTimestamp(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setTimestamp(parameterIndex, x));
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, @Nullable Timestamp x, @Nullable Calendar cal)
      throws SQLException {
    ps().setTimestamp(parameterIndex, x, cal);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setTimestamp(parameterIndex, x, cal));
    }
  }

  @Override
  public void setURL(int parameterIndex, @Nullable URL x) throws SQLException {
    ps().setURL(parameterIndex, x);
    if (replay != null) {
      record(s -> ((PreparedStatement) s).setURL(parameterIndex, x));
    }
  }
}
