package dev.ballast.jdbc.internal;

import java.math.BigDecimal;
import java.net.URL;
import java.sql.CallableStatement;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import org.jspecify.annotations.Nullable;

/**
 * The IN parameters of {@link RoutedCallableStatement} by name that carry plain values (numbers,
 * strings, dates, bytes, nulls), forwarded to the physical statement. {@code RoutedDelegationTest}
 * fails when one is not forwarded.
 */
abstract class CallableValuesByName extends CallableOutByName {
  CallableValuesByName(
      CallableStatement target, StatementOwner owner, Binding binding, String sql) {
    super(target, owner, binding, sql);
  }

  private CallableStatement cs() {
    return (CallableStatement) target;
  }

  @Override
  public void setBigDecimal(@Nullable String parameterName, @Nullable BigDecimal x)
      throws SQLException {
    cs().setBigDecimal(parameterName, x);
  }

  @Override
  public void setBoolean(@Nullable String parameterName, boolean x) throws SQLException {
    cs().setBoolean(parameterName, x);
  }

  @Override
  public void setByte(@Nullable String parameterName, byte x) throws SQLException {
    cs().setByte(parameterName, x);
  }

  @Override
  public void setBytes(@Nullable String parameterName, byte[] x) throws SQLException {
    cs().setBytes(parameterName, x);
  }

  @Override
  public void setDate(@Nullable String parameterName, @Nullable Date x) throws SQLException {
    cs().setDate(parameterName, x);
  }

  @Override
  public void setDate(@Nullable String parameterName, @Nullable Date x, @Nullable Calendar cal)
      throws SQLException {
    cs().setDate(parameterName, x, cal);
  }

  @Override
  public void setDouble(@Nullable String parameterName, double x) throws SQLException {
    cs().setDouble(parameterName, x);
  }

  @Override
  public void setFloat(@Nullable String parameterName, float x) throws SQLException {
    cs().setFloat(parameterName, x);
  }

  @Override
  public void setInt(@Nullable String parameterName, int x) throws SQLException {
    cs().setInt(parameterName, x);
  }

  @Override
  public void setLong(@Nullable String parameterName, long x) throws SQLException {
    cs().setLong(parameterName, x);
  }

  @Override
  public void setNString(@Nullable String parameterName, @Nullable String value)
      throws SQLException {
    cs().setNString(parameterName, value);
  }

  @Override
  public void setNull(@Nullable String parameterName, int sqlType) throws SQLException {
    cs().setNull(parameterName, sqlType);
  }

  @Override
  public void setNull(@Nullable String parameterName, int sqlType, @Nullable String typeName)
      throws SQLException {
    cs().setNull(parameterName, sqlType, typeName);
  }

  @Override
  public void setShort(@Nullable String parameterName, short x) throws SQLException {
    cs().setShort(parameterName, x);
  }

  @Override
  public void setString(@Nullable String parameterName, @Nullable String x) throws SQLException {
    cs().setString(parameterName, x);
  }

  @Override
  public void setTime(@Nullable String parameterName, @Nullable Time x) throws SQLException {
    cs().setTime(parameterName, x);
  }

  @Override
  public void setTime(@Nullable String parameterName, @Nullable Time x, @Nullable Calendar cal)
      throws SQLException {
    cs().setTime(parameterName, x, cal);
  }

  @Override
  public void setTimestamp(@Nullable String parameterName, @Nullable Timestamp x)
      throws SQLException {
    cs().setTimestamp(parameterName, x);
  }

  @Override
  public void setTimestamp(
      @Nullable String parameterName, @Nullable Timestamp x, @Nullable Calendar cal)
      throws SQLException {
    cs().setTimestamp(parameterName, x, cal);
  }

  @Override
  public void setURL(@Nullable String parameterName, @Nullable URL val) throws SQLException {
    cs().setURL(parameterName, val);
  }
}
