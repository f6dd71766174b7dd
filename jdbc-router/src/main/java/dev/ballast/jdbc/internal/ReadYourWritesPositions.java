package dev.ballast.jdbc.internal;

import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.lb.Ticker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Router}'s side of read-your-writes after a write: the commit position taken into the
 * calling thread's {@link SessionContext} ({@code lsn}, {@code gtid}), the window restarted ({@code
 * window}), and, on PostgreSQL in {@code lsn} mode, the position of auto-commit writes deferred
 * until a read or an exported token needs it. At most one position query per commit that wrote, or
 * per read that needs a deferred one. Thread-safe; each context is confined to its thread.
 */
final class ReadYourWritesPositions {
  private static final Logger log = LoggerFactory.getLogger(ReadYourWritesPositions.class);

  private final Router router;
  private final PrimaryRoute primary;
  private final Ticker ticker;
  private final RouterConfig config;
  private final Dialect dialect;
  private final boolean tracksPositions;
  private final boolean lsnPositions;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  ReadYourWritesPositions(Router router, PrimaryRoute primary, Ticker ticker) {
    this.router = router;
    this.primary = primary;
    this.ticker = ticker;
    this.config = router.config();
    this.dialect = router.dialect();
    this.tracksPositions =
        config.readYourWrites() == ReadYourWrites.LSN
            || config.readYourWrites() == ReadYourWrites.GTID;
    this.lsnPositions = dialect.lsnPositions();
  }

  /** Whether commit positions are kept ({@code lsn} or {@code gtid}). */
  boolean tracks() {
    return tracksPositions;
  }

  /**
   * Whether the position owed by auto-commit writes is taken only when a read needs it, rather than
   * when their connection is given back: on PostgreSQL in {@code lsn} mode, where any primary
   * connection can read it later. GTID engines' positions belong to the writer's session.
   */
  boolean defers() {
    return tracksPositions && lsnPositions;
  }

  /**
   * A connection whose auto-commit writes committed is given back without taking their position
   * ({@link #defers()}): the calling thread's context owes it until a read needs it or the token is
   * exported. Outside a scope the context ends with that connection, and nothing is read.
   */
  void defer() {
    router.context().owePrimaryPosition(ticker.nanoTime());
  }

  /**
   * Reads the primary's WAL insert position for {@code ctx}'s auto-commit writes on connections
   * already given back ({@link #defer()}), on any primary connection: the insert position only
   * grows, so read after those commits it covers them. One query, not counted as a route.
   */
  void settle(SessionContext ctx) throws SQLException {
    Binding b = primary.acquire(RouteReason.READ_YOUR_WRITES);
    try {
      ctx.primaryPositionTaken(WalPositions.current(b.physical()));
    } catch (SQLException e) {
      router.onError(b, e);
      throw e;
    } finally {
      router.release(b);
    }
  }

  /** See {@link Router#settleOwed()}. */
  void settleOwed() {
    SessionContext ctx = router.context();
    if (!ctx.owesPrimaryPosition()) {
      return;
    }
    try {
      settle(ctx);
    } catch (SQLException e) {
      if (failureLogged.compareAndSet(false, true)) {
        log.warn(
            "'{}': could not read the WAL position owed by auto-commit writes; the token does not"
                + " cover them ({})",
            config.name(),
            SqlStates.shortMessage(e));
      }
    }
  }

  /** See {@link Router#recordWrite()}. */
  void recordWrite() {
    if (config.readYourWrites() == ReadYourWrites.WINDOW) {
      router.context().recordWrite(ticker.nanoTime());
    }
  }

  /** See {@link Router#recordCommit(Connection)}. */
  void recordCommit(Connection physical) {
    recordWrite();
    if (!tracksPositions) {
      return;
    }
    try {
      if (lsnPositions) {
        router.context().advanceToken(WalPositions.current(physical), ticker.nanoTime());
      } else {
        router
            .context()
            .advancePosition(
                dialect.parsePosition(dialect.commitPosition(physical)), ticker.nanoTime());
      }
    } catch (SQLException | IllegalArgumentException e) {
      if (failureLogged.compareAndSet(false, true)) {
        log.warn(
            "'{}': could not read the {} position after a commit; read-your-writes={} cannot"
                + " protect reads after such writes ({})",
            config.name(),
            dialect.name(),
            config.readYourWrites().propertyName(),
            SqlStates.shortMessage(e));
      }
    }
  }
}
