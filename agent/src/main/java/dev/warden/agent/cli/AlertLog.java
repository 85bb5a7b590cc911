package dev.warden.agent.cli;

import dev.warden.handler.event.MiniJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The function's {@code WARDEN_ALERT_LOG} file, read as it grows: each call returns the complete
 * lines appended since the last one, so each event gets the alerts it raised.
 */
final class AlertLog {
  private final Path file;
  private long consumed;

  AlertLog(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** The complete lines appended since the last call (a partly written line waits). */
  List<String> newLines() throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= consumed) {
        return List.of();
      }
      byte[] bytes = new byte[(int) (length - consumed)];
      in.seek(consumed);
      in.readFully(bytes);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      consumed += end;
      List<String> lines = new ArrayList<>();
      for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return lines;
    }
  }

  /**
   * An alert line compactly: {@code rule severity action target [source=/pointer]}; a line that is
   * not an alert object is shown as it is.
   */
  static String compact(String line) {
    Object parsed;
    try {
      parsed = MiniJson.parse(line);
    } catch (IllegalArgumentException e) {
      return line;
    }
    if (!(parsed instanceof Map<?, ?> alert)) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    out.append(field(alert, "warden.rule"))
        .append(' ')
        .append(field(alert, "warden.severity"))
        .append(' ')
        .append(field(alert, "warden.action"))
        .append(' ')
        .append(field(alert, "warden.target"));
    Object source = alert.get("warden.source");
    if (source != null) {
      out.append("  source=").append(source);
    }
    return out.toString();
  }

  static boolean isBlocked(String line) {
    try {
      return MiniJson.parse(line) instanceof Map<?, ?> alert
          && "blocked".equals(alert.get("warden.action"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String field(Map<?, ?> alert, String key) {
    Object value = alert.get(key);
    return value == null ? "-" : value.toString();
  }
}
