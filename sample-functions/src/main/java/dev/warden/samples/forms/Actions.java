package dev.warden.samples.forms;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * What the handler-form samples do with an event: its {@code "action"} field picks a behaviour, so
 * that one deployment can be driven to stay quiet, to do something Warden alerts on, or to fail.
 */
final class Actions {
  private Actions() {}

  /** Performs the event's action and says what happened. */
  static String perform(Map<?, ?> event) throws IOException {
    Object action = event == null ? null : event.get("action");
    return perform(action == null ? "none" : action.toString());
  }

  /** Same, from a raw JSON event (stream handlers): finds {@code "action":"..."}. */
  static String performJson(String json) throws IOException {
    int key = json.indexOf("\"action\"");
    if (key < 0) {
      return perform("none");
    }
    int start = json.indexOf('"', json.indexOf(':', key) + 1);
    int end = json.indexOf('"', start + 1);
    return perform(json.substring(start + 1, end));
  }

  private static String perform(String action) throws IOException {
    switch (action) {
      case "read-environ":
        try (InputStream in = new FileInputStream("/proc/self/environ")) {
          return "read " + in.readAllBytes().length + " bytes of environment";
        }
      case "shell":
        try {
          int status = new ProcessBuilder("sh", "-c", "true").start().waitFor();
          return "shell exited " + status;
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return "interrupted";
        }
      case "fail":
        throw new IllegalStateException("the function failed on purpose");
      default:
        return "nothing to do";
    }
  }
}
