package dev.warden.e2e;

import dev.warden.handler.event.MiniJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code WARDEN_ALERT_LOG} file: one JSON object per alert, one per line. */
record AlertLogFile(Path path) {

  /** The lines written so far, each parsed strictly (a line that is not JSON fails the test). */
  List<Map<String, Object>> alerts() throws IOException {
    List<Map<String, Object>> alerts = new ArrayList<>();
    if (!Files.exists(path)) {
      return alerts;
    }
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        alerts.add(jsonObject(line));
      }
    }
    return alerts;
  }

  /** One line as a JSON object, read by handler-wrapper's strict reader; anything else fails. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonObject(String line) {
    Object value = MiniJson.parse(line);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object: " + line);
    }
    return (Map<String, Object>) value;
  }

  List<Map<String, Object>> alertsOf(String invocationId) throws IOException {
    return alerts().stream().filter(a -> invocationId.equals(a.get("faas.invocation_id"))).toList();
  }

  String text() throws IOException {
    return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "(no file)";
  }
}
