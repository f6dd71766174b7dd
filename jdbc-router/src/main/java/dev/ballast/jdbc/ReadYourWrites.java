package dev.ballast.jdbc;

import java.util.Locale;

/**
 * How reads that follow a write in the same context are kept from seeing data older than that write
 * (property {@code ballast.jdbc.read-your-writes}). The context is the calling thread, or an
 * explicit {@link RoutingDataSource#withToken scope}.
 */
public enum ReadYourWrites {
  /** No guarantee (the default): a read may go to a replica that has not replayed the write yet. */
  OFF("off"),
  /** After a write, this context's reads go to the primary for {@code read-your-writes.window}. */
  WINDOW("window"),
  /**
   * After a write commits, the engine's commit position is kept as a {@link ConsistencyToken}; a
   * later read goes to a replica only if that replica has applied at least that far, else to the
   * primary. By default ({@code read-your-writes.max-wait=0}) a read never waits for a replica: a
   * read right after the context's own write goes to the primary, which has it, and so adds to the
   * primary's load; a positive {@code max-wait} lets the read wait that long for a replica's replay
   * instead. On PostgreSQL the position is the WAL position (LSN); on MariaDB and MySQL, where
   * {@code lsn} is accepted so that one setting works on every engine, it is the GTID position,
   * exactly as with {@link #GTID}.
   */
  LSN("lsn"),
  /**
   * As {@link #LSN}, with the position named for what it is on MariaDB and MySQL: the GTID of the
   * commit (MariaDB {@code @@last_gtid}, MySQL {@code @@gtid_executed}), waited for on a replica
   * with {@code MASTER_GTID_WAIT} / {@code WAIT_FOR_EXECUTED_GTID_SET}. PostgreSQL has no GTIDs: a
   * router whose primary is PostgreSQL refuses this value at start-up.
   */
  GTID("gtid");

  private final String propertyName;

  ReadYourWrites(String propertyName) {
    this.propertyName = propertyName;
  }

  /** {@return the name used in properties} */
  public String propertyName() {
    return propertyName;
  }

  /**
   * Parses a property value (any letter case).
   *
   * @param name the property value, in any case
   * @return the constant
   * @throws IllegalArgumentException for an unknown name
   */
  public static ReadYourWrites fromPropertyName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (ReadYourWrites r : values()) {
      if (r.propertyName.equals(n)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "read-your-writes: " + name + " (expected: one of off|window|lsn|gtid)");
  }
}
