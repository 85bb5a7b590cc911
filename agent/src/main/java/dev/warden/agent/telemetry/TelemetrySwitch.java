package dev.warden.agent.telemetry;

import java.util.Map;

/**
 * Whether to start the OpenTelemetry pipeline. Inside Lambda (a handler was found) always; in a
 * plain JVM only when the user configured an exporter, so that a program run with the agent does
 * not pay for an SDK or try to reach a collector nobody runs.
 */
public final class TelemetrySwitch {
  private TelemetrySwitch() {}

  public static boolean requested(Map<String, String> environment) {
    String exporter = environment.get("OTEL_TRACES_EXPORTER");
    if (exporter != null && !exporter.isBlank()) {
      return !exporter.trim().equalsIgnoreCase("none");
    }
    return environment.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
        || environment.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  }
}
