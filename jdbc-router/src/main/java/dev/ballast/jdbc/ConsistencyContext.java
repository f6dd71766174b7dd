package dev.ballast.jdbc;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.internal.Router;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Position;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The read-your-writes half of {@link RoutingDataSource}'s API, which inherits it: the calling
 * thread's token, and the scopes a token opens. Not API itself: the methods are documented as
 * members of {@code RoutingDataSource}. Tokens are positions in the router's engine, PostgreSQL
 * LSNs or a GTID engine's positions; {@code lsn:0/0} is every engine's "no position yet".
 * Thread-safe; a scope belongs to the thread that opened it.
 */
abstract class ConsistencyContext {
  ConsistencyContext() {}

  /** The router whose threads' contexts these are. */
  abstract Router router();

  /**
   * {@return the calling thread's read-your-writes token: the position of its last committed write
   * through this router ({@code read-your-writes=lsn}), or one given by {@link #withToken}} Empty
   * when there is none (and always in the other modes). Outside a scope, a write's token lasts only
   * until the logical connection that wrote is closed: capture it inside a scope to pass it to
   * another thread.
   */
  public Optional<ConsistencyToken> currentToken() {
    Router router = router();
    Dialect dialect = router.dialect();
    if (dialect.lsnPositions()) {
      // auto-commit writes of connections already closed: their position is read now (one query)
      router.settleOwed();
      long lsn = router.context().tokenLsn();
      return lsn < 0 ? Optional.empty() : Optional.of(ConsistencyToken.ofLsn(lsn));
    }
    Position position = router.context().tokenPosition();
    return position == null
        ? Optional.empty()
        : Optional.of(ConsistencyToken.of(dialect.name(), position));
  }

  /**
   * Opens a read-your-writes scope with no position yet, as a request of server code starts: the
   * thread's writes inside it advance the scope's token, its reads on any connection see them, and
   * closing the scope restores the thread's context from before, so the next task on a pooled
   * thread starts clean. Equivalent to {@code withToken(ConsistencyToken.parse("lsn:0/0"))} on
   * every engine.
   *
   * @return the scope; close it (try-with-resources) to end it
   */
  public ConsistencyScope newScope() {
    return withToken(ConsistencyToken.ofLsn(0));
  }

  /**
   * Opens a scope on the calling thread in which reads see at least {@code token}'s writes (with
   * {@code read-your-writes=lsn}; other modes ignore tokens). The thread's own later writes advance
   * the scope's token; closing the scope restores the thread's context from before.
   *
   * @param token the position that reads must have caught up with
   * @return the scope; close it (try-with-resources) to end it
   * @throws IllegalArgumentException if {@code token} is another engine's ({@link
   *     ConsistencyToken#database()}) than this router's, except {@code lsn:0/0}, which every
   *     router takes as "no position yet"
   */
  public ConsistencyScope withToken(ConsistencyToken token) {
    requireNonNull(token, "token");
    Router router = router();
    Dialect dialect = router.dialect();
    if (dialect.lsnPositions() && token.isLsn()) {
      return new ConsistencyScope(router.enterScope(token.lsn()));
    }
    if (token.isOrigin()) {
      return new ConsistencyScope(router.enterScope((Position) null));
    }
    Position position = token.gtidPosition();
    if (position == null || !token.database().equals(dialect.name())) {
      throw new IllegalArgumentException(
          "token: "
              + token.serialize()
              + " (expected: a "
              + dialect.name()
              + " token: router '"
              + router.config().name()
              + "' runs on "
              + dialect.name()
              + ")");
    }
    return new ConsistencyScope(router.enterScope(position));
  }

  /**
   * Runs {@code work} inside {@link #withToken(ConsistencyToken) withToken(token)}.
   *
   * @param <T> the type of the result
   * @param token the position that reads must have caught up with
   * @param work the work to run
   * @return {@code work}'s result
   * @throws Exception whatever {@code work} throws
   */
  public <T> T runWith(ConsistencyToken token, Callable<T> work) throws Exception {
    requireNonNull(work, "work");
    try (ConsistencyScope scope = withToken(token)) {
      return work.call();
    }
  }

  /**
   * Runs {@code work} inside {@link #withToken(ConsistencyToken) withToken(token)}.
   *
   * @param token the position that reads must have caught up with
   * @param work the work to run
   */
  public void runWith(ConsistencyToken token, Runnable work) {
    requireNonNull(work, "work");
    try (ConsistencyScope scope = withToken(token)) {
      work.run();
    }
  }
}
