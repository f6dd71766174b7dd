/**
 * What differs between database engines, behind one small internal interface; not API.
 *
 * <p>Starting points: {@link dev.ballast.jdbc.internal.dialect.Dialect} (the SPI: probe, commit
 * position, bounded wait for a position, error classification), {@link
 * dev.ballast.jdbc.internal.dialect.Dialects#forUrl(String)} (the choice from the JDBC URL), {@link
 * dev.ballast.jdbc.internal.dialect.PostgresDialect} (delegates to the PostgreSQL code the router
 * has always used), {@link dev.ballast.jdbc.internal.dialect.MariaDbDialect} and {@link
 * dev.ballast.jdbc.internal.dialect.MySqlDialect} (read_only, replica status and GTIDs), {@link
 * dev.ballast.jdbc.internal.dialect.GtidPosition} and {@link
 * dev.ballast.jdbc.internal.dialect.GtidSet} (the two engines' GTID forms, both {@link
 * dev.ballast.jdbc.internal.dialect.Position}s, which read-your-writes carries and compares).
 */
@NullMarked
package dev.ballast.jdbc.internal.dialect;

import org.jspecify.annotations.NullMarked;
