package dev.warden.handler;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

final class Fixtures {
  private Fixtures() {}

  static Map<String, String> lambdaEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "orders-fn");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "7");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/05/01/[$LATEST]abc");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    return env;
  }

  static WardenTelemetry inMemory(InMemorySpanExporter exporter) {
    return inMemory(exporter, lambdaEnv());
  }

  static WardenTelemetry inMemory(InMemorySpanExporter exporter, Map<String, String> env) {
    return WardenTelemetry.builder(env)
        .exporterFactory(() -> exporter)
        .flushTimeout(Duration.ofSeconds(1))
        .warnings(w -> {})
        .build();
  }

  static final String XRAY_UNSAMPLED =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;Lineage=a87bd80c:0";
  static final String XRAY_SAMPLED =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
}
