package dev.ballast.examples.internal;

import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line of the demo's process to a file, so that the terminal shows only the story:
 * SLF4J (Ballast, Netty, HikariCP, the embedded PostgreSQL) through slf4j-simple's file option, and
 * java.util.logging (pgjdbc) through a small bridge. Must run before the first logger is created.
 */
public final class Logging {

  private Logging() {}

  /** Logs into {@code file} from now on; its directory must exist. */
  public static void toFile(Path file) {
    setIfAbsent("org.slf4j.simpleLogger.logFile", file.toString());
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    LogManager.getLogManager().reset();
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(new Slf4jHandler());
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Forwards java.util.logging records at INFO and above to SLF4J. */
  private static final class Slf4jHandler extends Handler {
    @Override
    public void publish(LogRecord record) {
      if (record == null || record.getLevel().intValue() < Level.INFO.intValue()) {
        return;
      }
      String name = record.getLoggerName() == null ? "jul" : record.getLoggerName();
      org.slf4j.Logger log = LoggerFactory.getLogger(name);
      String message = record.getMessage() == null ? "" : record.getMessage();
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        log.warn(message, record.getThrown());
      } else {
        log.info(message, record.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
