package dev.ballast.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.jdbc.internal.dialect.GtidPosition;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How old a context's token is: what decides whether a read may skip asking a replica. */
class SessionContextTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void aTokenOfTheContextsOwnCommitIsYoungUntilTheGivenTimeHasPassed() {
    SessionContext ctx = new SessionContext();
    ctx.advanceToken(1_000, 10 * MS);
    assertThat(ctx.tokenYoungerThan(10 * MS, 2 * MS)).isTrue();
    assertThat(ctx.tokenYoungerThan(12 * MS - 1, 2 * MS)).isTrue();
    assertThat(ctx.tokenYoungerThan(12 * MS, 2 * MS)).isFalse();
  }

  @Test
  void aTokenGivenByAScopeCountsAsOld() {
    SessionContext ctx = new SessionContext();
    ctx.advanceToken(1_000);
    assertThat(ctx.tokenYoungerThan(0, Long.MAX_VALUE)).isFalse();
    // a later commit of the context's own makes it young again
    ctx.advanceToken(2_000, 5 * MS);
    assertThat(ctx.tokenYoungerThan(5 * MS, 2 * MS)).isTrue();
    // a higher token from outside replaces it: its commit time is unknown
    ctx.advanceToken(3_000);
    assertThat(ctx.tokenYoungerThan(5 * MS, 2 * MS)).isFalse();
  }

  @Test
  void aCommitBelowTheTokenLeavesItsAgeAlone() {
    SessionContext ctx = new SessionContext();
    ctx.advanceToken(5_000); // from a scope
    ctx.advanceToken(4_000, 7 * MS); // an own commit that the token already covers
    assertThat(ctx.tokenLsn()).isEqualTo(5_000);
    assertThat(ctx.tokenYoungerThan(7 * MS, 2 * MS)).isFalse();
  }

  @Test
  void noTokenIsNeverYoung() {
    assertThat(new SessionContext().tokenYoungerThan(0, Long.MAX_VALUE)).isFalse();
  }

  @Test
  void theAgeIsRestoredWithTheTokenAndEndsWithTheImplicitMode() {
    SessionContext ctx = new SessionContext();
    ctx.advanceToken(1_000, 3 * MS);
    SessionContext saved = ctx.copy();
    ctx.advanceToken(2_000);
    ctx.restore(saved);
    assertThat(ctx.tokenLsn()).isEqualTo(1_000);
    assertThat(ctx.tokenYoungerThan(3 * MS, 2 * MS)).isTrue();
    ctx.endImplicit();
    assertThat(ctx.tokenLsn()).isEqualTo(Lsns.NONE);
    assertThat(ctx.tokenYoungerThan(3 * MS, 2 * MS)).isFalse();
  }

  @Test
  void aGtidPositionOfAnOwnCommitIsYoungAndOneFromAScopeIsNot() {
    SessionContext ctx = new SessionContext();
    ctx.advancePosition(GtidPosition.parse("0-1-5"));
    assertThat(ctx.tokenYoungerThan(0, Long.MAX_VALUE)).isFalse();
    ctx.advancePosition(GtidPosition.parse("0-1-6"), 4 * MS);
    assertThat(ctx.tokenYoungerThan(4 * MS, 2 * MS)).isTrue();
    assertThat(ctx.tokenPosition()).isNotNull();
  }
}
