package dev.warden.e2e;

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
        alerts.add(MiniJson.parseObject(line));
      }
    }
    return alerts;
  }

  List<Map<String, Object>> alertsOf(String invocationId) throws IOException {
    return alerts().stream().filter(a -> invocationId.equals(a.get("faas.invocation_id"))).toList();
  }

  String text() throws IOException {
    return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "(no file)";
  }
}
