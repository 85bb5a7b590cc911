package dev.warden.agent.telemetry;

import dev.warden.agent.alert.AgentLog;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The SDK reports failed exports through java.util.logging, on every attempt: with a collector
 * down, that would be a stack trace in the function's log per invocation. Warden routes them to its
 * own diagnostics instead, at most one line a minute (the JSON alert log has every alert
 * regardless).
 */
final class ExportLogRouting extends Handler {
  /** Where the relocated SDK logs (the build rewrites this prefix with the classes). */
  static final String SDK_LOGGERS = "io.opentelemetry";

  private static final long QUIET_MILLIS = 60_000;

  /** Strongly held: java.util.logging keeps loggers only weakly. */
  private static Logger routed;

  private static final java.util.logging.Formatter CONSOLE =
      new java.util.logging.SimpleFormatter();

  private long lastReported;

  private ExportLogRouting() {}

  static synchronized void install() {
    if (routed != null) {
      return;
    }
    Logger logger = Logger.getLogger(SDK_LOGGERS);
    logger.setUseParentHandlers(false);
    logger.addHandler(new ExportLogRouting());
    routed = logger;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    if (record.getLevel().intValue() < Level.WARNING.intValue()) {
      // Not a failure: the console exporter (OTEL_TRACES_EXPORTER=console) prints spans at INFO.
      if (record.getLevel().intValue() >= Level.INFO.intValue()) {
        System.err.print(CONSOLE.format(record));
      }
      return;
    }
    long now = System.currentTimeMillis();
    if (now - lastReported < QUIET_MILLIS) {
      return;
    }
    lastReported = now;
    Throwable cause = record.getThrown();
    AgentLog.warn(
        "span export failed (alerts are still in the JSON log; repeats muted for a minute): "
            + record.getMessage()
            + (cause == null ? "" : " — " + cause));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
