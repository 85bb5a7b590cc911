package dev.warden.agent.alert;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's own diagnostics (not alerts): {@code [warden] <level> <message>} on the process's
 * real stderr, which function code cannot redirect with {@link System#setErr}. {@code info} lines
 * appear only with {@code WARDEN_DEBUG=true}. Never throws.
 */
public final class AgentLog {
  private static final OutputStream REAL_STDERR = new FileOutputStream(FileDescriptor.err);
  private static final boolean DEBUG = "true".equalsIgnoreCase(System.getenv("WARDEN_DEBUG"));

  private AgentLog() {}

  /** A problem that stops the agent (and the function) from starting. */
  public static void error(String message) {
    write("error", message);
  }

  public static void warn(String message) {
    write("warn", message);
  }

  public static void info(String message) {
    if (DEBUG) {
      write("info", message);
    }
  }

  public static boolean debugEnabled() {
    return DEBUG;
  }

  /** {@code [warden] <level> <message>} as one line: line breaks in the message become blanks. */
  static String format(String level, String message) {
    String text = String.valueOf(message);
    StringBuilder line = new StringBuilder(text.length() + 20);
    line.append("[warden] ").append(level).append(' ');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      line.append(c == '\n' || c == '\r' ? ' ' : c);
    }
    return line.append('\n').toString();
  }

  private static void write(String level, String message) {
    byte[] bytes = format(level, message).getBytes(StandardCharsets.UTF_8);
    synchronized (REAL_STDERR) {
      try {
        REAL_STDERR.write(bytes);
        REAL_STDERR.flush();
      } catch (Throwable ignored) {
        // Nowhere left to report to.
      }
    }
  }
}
