package dev.ballast.testkit.internal.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Makes a streaming replica's data directory from a running primary with the low-level backup API
 * ({@code pg_backup_start} / {@code pg_backup_stop}, PostgreSQL 15+). zonky ships no {@code
 * pg_basebackup}, so the copy is done here, in the JVM.
 *
 * <p>The replica gets a physical replication slot named after it, created before the backup starts
 * so the primary keeps every WAL segment the replica still needs.
 */
public final class BaseBackup {

  private BaseBackup() {}

  /**
   * Creates {@code replicaDirectory} as a standby of the primary.
   *
   * @param primary a superuser data source for the primary (any database)
   * @param primaryDirectory the primary's data directory
   * @param primaryPort the primary's port on 127.0.0.1, for {@code primary_conninfo}
   * @param replicaName the replica's name: slot name and {@code application_name}; must be a valid
   *     unquoted identifier
   * @param replicaDirectory the directory to create; must not exist
   */
  public static void createReplica(
      DataSource primary,
      Path primaryDirectory,
      int primaryPort,
      String replicaName,
      Path replicaDirectory)
      throws SQLException, IOException {
    // one session for start and stop: a non-exclusive backup belongs to the session that began it
    try (Connection connection = primary.getConnection()) {
      execute(connection, "SELECT pg_create_physical_replication_slot(?, true)", replicaName);
      execute(connection, "SELECT pg_backup_start(?, true)", "ballast-" + replicaName);
      String labelFile;
      String tablespaceMap;
      try {
        DataDirectories.copyForBackup(primaryDirectory, replicaDirectory);
      } finally {
        try (PreparedStatement stop =
                connection.prepareStatement(
                    "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)");
            ResultSet rs = stop.executeQuery()) {
          rs.next();
          labelFile = rs.getString(1);
          tablespaceMap = rs.getString(2);
        }
      }
      Files.writeString(
          replicaDirectory.resolve("backup_label"), labelFile, StandardCharsets.UTF_8);
      if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
        Files.writeString(
            replicaDirectory.resolve("tablespace_map"), tablespaceMap, StandardCharsets.UTF_8);
      }
    }
    Files.createFile(replicaDirectory.resolve("standby.signal"));
    // in postgresql.auto.conf, not on the command line, so ALTER SYSTEM can still change them
    String standbySettings =
        "\nprimary_conninfo = 'host=127.0.0.1 port="
            + primaryPort
            + " user=postgres application_name="
            + replicaName
            + "'\nprimary_slot_name = '"
            + replicaName
            + "'\n";
    Files.writeString(
        replicaDirectory.resolve("postgresql.auto.conf"),
        standbySettings,
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  private static void execute(Connection connection, String sql, String argument)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, argument);
      statement.executeQuery().close();
    }
  }
}
