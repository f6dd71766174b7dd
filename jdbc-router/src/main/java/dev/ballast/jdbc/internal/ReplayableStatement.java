package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The base of the routed statements: the physical statement, and what building it again on another
 * physical connection takes ({@link StatementReplay}) while its first execution may still run again
 * elsewhere. The settings and parameters given until then are recorded here in the order given,
 * without an object of their own for the common read (one {@code setInt}, or one other step).
 */
abstract class ReplayableStatement implements Statement {
  /** The physical statement; replaced when a failed first read runs again elsewhere. */
  Statement target;

  /**
   * How to build this statement again elsewhere; null once it may no longer run again. The replay
   * lives in the statement itself (this factory and the steps below), not in an object of its own:
   * every read that may run again is on the read path, and an extra object costs it 32 bytes.
   */
  StatementReplay.@Nullable Factory replay;

  /**
   * The recorded steps after the inline one below: null, one {@link StatementReplay.Step}, or a
   * {@code Step[]} filled from the start (null after the last). Most reads record one step or none,
   * and need no array.
   */
  private @Nullable Object steps;

  /**
   * The first step when it was {@code setInt(intIndex, intValue)} (a key lookup's one parameter),
   * kept as two ints rather than a step object; {@code intIndex} is 0 when there is none.
   */
  private int intIndex;

  private int intValue;

  ReplayableStatement(Statement target, StatementReplay.@Nullable Factory replay) {
    this.target = target;
    this.replay = replay;
  }

  /**
   * Keeps {@code step} for the replay, if there still is one. Callers test {@code replay != null}
   * first, so that no lambda is allocated for a statement that will never run again.
   */
  final void record(StatementReplay.Step step) {
    if (replay == null) {
      return;
    }
    Object s = steps;
    if (s == null) {
      steps = step;
    } else if (s instanceof StatementReplay.Step one) {
      steps = new StatementReplay.Step[] {one, step, null, null};
    } else {
      StatementReplay.Step[] m = (StatementReplay.Step[]) s;
      int n = count(m);
      if (n == m.length) {
        m = Arrays.copyOf(m, n * 2);
        steps = m;
      }
      m[n] = step;
    }
  }

  /** Records {@code setInt(index, value)}, inline when it is the first step. */
  final void recordInt(int index, int value) {
    if (replay == null) {
      return;
    }
    if (steps == null && intIndex == 0) {
      intIndex = index;
      intValue = value;
    } else {
      record(s -> ((PreparedStatement) s).setInt(index, value));
    }
  }

  private static int count(StatementReplay.Step[] m) {
    int n = 0;
    while (n < m.length && m[n] != null) {
      n++;
    }
    return n;
  }

  /** As {@link #record}, or drops the replay when the call's value cannot be given twice. */
  final void recordIf(boolean replayable, StatementReplay.Step step) {
    if (replayable) {
      record(step);
    } else {
      replay = null;
    }
  }

  /** The number of recorded steps (for tests). */
  final int recordedSteps() {
    Object s = steps;
    int n =
        s == null ? 0 : s instanceof StatementReplay.Step ? 1 : count((StatementReplay.Step[]) s);
    return (intIndex == 0 ? 0 : 1) + n;
  }

  /**
   * The statement built again by {@code factory} for {@code sql} on {@code physical}, given the
   * recorded steps in order; closed again if one of them fails.
   */
  final Statement rebuild(StatementReplay.Factory factory, Connection physical, String sql)
      throws SQLException {
    Statement s = factory.create(physical, sql);
    try {
      if (intIndex != 0) {
        ((PreparedStatement) s).setInt(intIndex, intValue);
      }
      Object recorded = steps;
      if (recorded instanceof StatementReplay.Step one) {
        one.apply(s);
      } else if (recorded != null) {
        for (StatementReplay.Step step : (StatementReplay.Step[]) recorded) {
          if (step == null) {
            break;
          }
          step.apply(s);
        }
      }
      return s;
    } catch (SQLException | RuntimeException e) {
      JdbcClose.quietly(s);
      throw e;
    }
  }
}
