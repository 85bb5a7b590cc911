package dev.warden.agent.alert;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Where alert lines go ({@code WARDEN_ALERT_LOG}): the process's real stderr (default) or stdout,
 * nowhere ({@code off}), or a file opened once in append mode.
 *
 * <p>Standard streams are reached through their file descriptors, not {@link System#err}, so
 * function code calling {@link System#setErr} cannot hide alerts. Every line is written with one
 * unbuffered write and flushed before {@link #write} returns, because Lambda may freeze the process
 * right after the response. Never throws.
 */
public final class AlertLog {
  /** The environment variable that chooses the destination. */
  public static final String SETTING = "WARDEN_ALERT_LOG";

  private final OutputStream out;
  private final String destination;
  private final Consumer<String> warn;

  /** Where a line goes when a file write fails, so the alert is not lost; null for std streams. */
  private final OutputStream fallback;

  private boolean failing;

  AlertLog(OutputStream out, String destination, OutputStream fallback, Consumer<String> warn) {
    this.out = out;
    this.destination = destination;
    this.fallback = fallback;
    this.warn = warn;
  }

  /** The destination named by {@code WARDEN_ALERT_LOG} in the environment. */
  public static AlertLog fromEnvironment() {
    return fromSetting(System.getenv(SETTING));
  }

  /**
   * {@code null}, empty or {@code stderr}: real stderr; {@code stdout}: real stdout; {@code off}:
   * nothing; anything else: a file path. A file that cannot be opened is reported once on stderr,
   * naming the path and the reason, and alerts go to stderr instead.
   */
  public static AlertLog fromSetting(String value) {
    return fromSetting(value, AgentLogConsumer.WARN);
  }

  static AlertLog fromSetting(String value, Consumer<String> warn) {
    String setting = value == null ? "" : value.trim();
    switch (setting.toLowerCase(Locale.ROOT)) {
      case "":
      case "stderr":
        return new AlertLog(new FileOutputStream(FileDescriptor.err), "stderr", null, warn);
      case "stdout":
        return new AlertLog(new FileOutputStream(FileDescriptor.out), "stdout", null, warn);
      case "off":
        return new AlertLog(null, "off", null, warn);
      default:
        return openFile(setting, warn);
    }
  }

  private static AlertLog openFile(String path, Consumer<String> warn) {
    // Opened in premain, before the hooks are woven: the agent's own log is never an event.
    try {
      OutputStream file = new FileOutputStream(path, true);
      return new AlertLog(file, path, new FileOutputStream(FileDescriptor.err), warn);
    } catch (IOException | RuntimeException error) {
      warn.accept(
          "cannot open "
              + SETTING
              + " file "
              + path
              + ": "
              + reason(error, path)
              + "; writing alerts to stderr instead");
      return new AlertLog(new FileOutputStream(FileDescriptor.err), "stderr", null, warn);
    }
  }

  /** False for {@code off}: callers may skip building lines nobody reads. */
  public boolean enabled() {
    return out != null;
  }

  /** {@code stderr}, {@code stdout}, {@code off} or the file path actually in use. */
  public String destination() {
    return destination;
  }

  /** Writes {@code line} and a line feed as UTF-8, flushed; {@code line} holds no line feed. */
  public void write(String line) {
    if (out == null || line == null) {
      return;
    }
    byte[] bytes = (line + '\n').getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        // One write call per line: with O_APPEND, lines from several writers never interleave.
        out.write(bytes);
        out.flush();
        failing = false;
      } catch (IOException | RuntimeException error) {
        if (!failing) {
          failing = true;
          warn.accept(
              "cannot write alert to "
                  + destination
                  + ": "
                  + reason(error, destination)
                  + (fallback == null ? "" : "; writing alerts to stderr until it works again"));
        }
        writeToFallback(bytes);
      }
    }
  }

  private void writeToFallback(byte[] bytes) {
    if (fallback == null) {
      return;
    }
    try {
      fallback.write(bytes);
      fallback.flush();
    } catch (IOException | RuntimeException ignored) {
      // Both destinations are gone; the warning has been given.
    }
  }

  /** The exception's message without a leading copy of the path (FileOutputStream adds it). */
  private static String reason(Exception error, String path) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getSimpleName();
    }
    if (message.startsWith(path + " (") && message.endsWith(")")) {
      return message.substring(path.length() + 2, message.length() - 1);
    }
    return message;
  }

  @Override
  public String toString() {
    return "AlertLog[" + destination + "]";
  }
}
