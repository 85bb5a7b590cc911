package dev.warden.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryConfigTest {
  private final List<String> warnings = new ArrayList<>();

  private TelemetryConfig config(Map<String, String> env) {
    return new TelemetryConfig(env, warnings::add, Thread::new);
  }

  @Test
  void endpointDefaultsAndComposition() {
    assertEquals("http://localhost:4318/v1/traces", config(Map.of()).tracesEndpoint());
    assertEquals(
        "http://collector:4318/v1/traces",
        config(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")).tracesEndpoint());
    assertEquals(
        "http://x:9/custom",
        config(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://ignored:1",
                    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://x:9/custom"))
            .tracesEndpoint());
    assertEquals(List.of(), warnings);
  }

  @Test
  void grpcFallsBackToHttpProtobufOnTheHttpPort() {
    assertEquals(
        "http://localhost:4318/v1/traces",
        config(
                Map.of(
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"))
            .tracesEndpoint());
    assertTrue(warnings.get(0).contains("grpc"));
  }

  @Test
  void badValuesWarnAndFallBack() {
    TelemetryConfig c =
        config(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "not a url",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "soon",
                "OTEL_TRACES_EXPORTER", "otlp,zipkin"));
    assertEquals("http://localhost:4318/v1/traces", c.tracesEndpoint());
    assertEquals(Duration.ofMillis(1000), c.timeout());
    assertEquals(List.of("otlp"), c.exporterNames());
    assertEquals(3, warnings.size(), warnings.toString());
  }

  @Test
  void exporterNames() {
    assertEquals(List.of("otlp"), config(Map.of()).exporterNames());
    assertEquals(List.of(), config(Map.of("OTEL_TRACES_EXPORTER", "none")).exporterNames());
    assertEquals(
        List.of("console", "logging-otlp"),
        config(Map.of("OTEL_TRACES_EXPORTER", "console, logging-otlp")).exporterNames());
    assertEquals(List.of(), config(Map.of("OTEL_SDK_DISABLED", "true")).exporterNames());
  }

  @Test
  void serviceNamePrecedenceAndResourceAttributes() {
    Resource fromFunction = config(Fixtures.lambdaEnv()).resource();
    assertEquals("orders-fn", fromFunction.getAttribute(AttributeKey.stringKey("service.name")));
    Map<String, String> env = new java.util.HashMap<>(Fixtures.lambdaEnv());
    env.put(
        "OTEL_RESOURCE_ATTRIBUTES",
        "service.name=from-attrs,team=pay%20ments,deployment.environment=prod");
    Resource fromAttributes = config(env).resource();
    assertEquals("from-attrs", fromAttributes.getAttribute(AttributeKey.stringKey("service.name")));
    assertEquals("pay ments", fromAttributes.getAttribute(AttributeKey.stringKey("team")));
    env.put("OTEL_SERVICE_NAME", "explicit");
    assertEquals(
        "explicit", config(env).resource().getAttribute(AttributeKey.stringKey("service.name")));
  }

  @Test
  void samplerFromTheEnvironment() {
    assertTrue(
        config(Map.of()).sampler().getDescription().startsWith("ParentBased{root:AlwaysOnSampler"));
    assertTrue(
        config(
                Map.of(
                    "OTEL_TRACES_SAMPLER",
                    "parentbased_traceidratio",
                    "OTEL_TRACES_SAMPLER_ARG",
                    "0.25"))
            .sampler()
            .getDescription()
            .contains("0.25"));
    assertEquals(
        "AlwaysOffSampler",
        config(Map.of("OTEL_TRACES_SAMPLER", "always_off")).sampler().getDescription());
  }

  @Test
  void everyExporterKindBuildsWithoutServiceLoading() {
    for (String name : List.of("otlp", "console", "logging-otlp", "none")) {
      config(Map.of("OTEL_TRACES_EXPORTER", name)).newExporter().shutdown();
    }
    assertEquals(List.of(), warnings);
  }

  @Test
  void batchSettingsHaveWardensDefaultsAndBadValuesAreReported() {
    assertEquals(Duration.ofMillis(5000), config(Map.of()).scheduleDelay());
    assertEquals(64, config(Map.of()).maxExportBatchSize());
    assertEquals(List.of(), warnings);
    TelemetryConfig set =
        config(Map.of("OTEL_BSP_SCHEDULE_DELAY", "0", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "128"));
    assertEquals(Duration.ZERO, set.scheduleDelay());
    assertEquals(128, set.maxExportBatchSize());
    TelemetryConfig bad =
        config(Map.of("OTEL_BSP_SCHEDULE_DELAY", "-1", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "0"));
    assertEquals(Duration.ofMillis(5000), bad.scheduleDelay());
    assertEquals(64, bad.maxExportBatchSize());
    assertEquals(
        List.of(
            "OTEL_BSP_SCHEDULE_DELAY=-1 is not a whole number of at least 0; using 5000",
            "OTEL_BSP_MAX_EXPORT_BATCH_SIZE=0 is not a whole number of at least 1; using 64"),
        warnings);
  }
}
