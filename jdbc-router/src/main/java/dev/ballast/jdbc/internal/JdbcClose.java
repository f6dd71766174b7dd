package dev.ballast.jdbc.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing JDBC resources on paths where a second failure must not hide the first. */
final class JdbcClose {
  private static final Logger log = LoggerFactory.getLogger(JdbcClose.class);

  private JdbcClose() {}

  /** Closes {@code resource}, logging (at debug) rather than throwing. */
  static void quietly(@Nullable AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      log.debug("Ignoring failure to close {}", resource, e);
    }
  }
}
