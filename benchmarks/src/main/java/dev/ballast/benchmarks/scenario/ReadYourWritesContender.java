package dev.ballast.benchmarks.scenario;

import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.PgNode;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A contender of {@link ReadYourWritesCostSuite}: where it writes and where it reads back; {@code
 * router} opens a request scope per cycle (null for raw HikariCP); {@code close} releases its
 * pools.
 */
record ReadYourWritesContender(
    DataSource writes, DataSource reads, @Nullable RoutingDataSource router, Runnable close) {

  /** Raw HikariCP: a primary pool for the writes, a replica pool for the reads, hand-picked. */
  static ReadYourWritesContender raw(PgNode primary, PgNode replica) {
    HikariDataSource p = JdbcContenders.pool(primary, "ryw-raw-primary");
    HikariDataSource r = JdbcContenders.pool(replica, "ryw-raw-replica");
    return new ReadYourWritesContender(
        p,
        r,
        null,
        () -> {
          p.close();
          r.close();
        });
  }

  /** Ballast over its own pools of {@code primary} and {@code replica}, in {@code mode}. */
  static ReadYourWritesContender ballast(
      PgNode primary, PgNode replica, ReadYourWrites mode, Duration maxWait) {
    String name =
        "ryw-" + mode.name().toLowerCase(java.util.Locale.ROOT) + (maxWait.isZero() ? "" : "-wait");
    HikariDataSource p = JdbcContenders.pool(primary, name + "-primary");
    HikariDataSource r = JdbcContenders.pool(replica, name + "-replica");
    RoutingDataSource router =
        RoutingDataSource.builder()
            .name(name)
            .primary(p)
            .replica("r1", r)
            .readYourWrites(mode)
            .readYourWritesMaxWait(maxWait)
            .build();
    return new ReadYourWritesContender(
        router,
        router,
        router,
        () -> {
          router.close();
          p.close();
          r.close();
        });
  }
}
