package dev.warden.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvocationLifecycleTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final WardenTelemetry telemetry = Fixtures.inMemory(exporter);
  private final InvocationLifecycle lifecycle = new InvocationLifecycle(telemetry);

  @AfterEach
  void close() {
    telemetry.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private SpanData only() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }

  @Test
  void invocationSpanCarriesTheFaasAttributesAndResource() {
    Invocation inv =
        lifecycle.begin(bytes(EventSamples.API_GATEWAY_REST), null, new TestContext("req-1"), null);
    lifecycle.end(inv, null);
    SpanData span = only();
    assertEquals("/orders/{id}", span.getName());
    assertEquals(SpanKind.SERVER, span.getKind());
    var a = span.getAttributes();
    assertEquals("req-1", a.get(AttributeKey.stringKey("faas.invocation_id")));
    assertEquals("http", a.get(AttributeKey.stringKey("faas.trigger")));
    assertEquals(true, a.get(AttributeKey.booleanKey("faas.coldstart")));
    assertEquals("aws", a.get(AttributeKey.stringKey("cloud.provider")));
    assertEquals("eu-west-1", a.get(AttributeKey.stringKey("cloud.region")));
    assertEquals(TestContext.ARN, a.get(AttributeKey.stringKey("cloud.resource_id")));
    assertEquals("123456789012", a.get(AttributeKey.stringKey("cloud.account.id")));
    assertEquals("GET", a.get(AttributeKey.stringKey("http.request.method")));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());

    var r = span.getResource().getAttributes();
    assertEquals("orders-fn", r.get(AttributeKey.stringKey("service.name")));
    assertEquals("orders-fn", r.get(AttributeKey.stringKey("faas.name")));
    assertEquals("7", r.get(AttributeKey.stringKey("faas.version")));
    assertEquals("2026/05/01/[$LATEST]abc", r.get(AttributeKey.stringKey("faas.instance")));
    assertEquals(512L * 1024 * 1024, r.get(AttributeKey.longKey("faas.max_memory")));
    assertEquals("aws_lambda", r.get(AttributeKey.stringKey("cloud.platform")));
    assertEquals("opentelemetry", r.get(AttributeKey.stringKey("telemetry.sdk.name")));
  }

  @Test
  void directInvocationIsNamedAfterTheFunction() {
    Invocation inv =
        lifecycle.begin(bytes(EventSamples.DIRECT), null, new TestContext("req-1"), null);
    lifecycle.end(inv, null);
    assertEquals("orders-fn", only().getName());
    assertEquals("other", only().getAttributes().get(AttributeKey.stringKey("faas.trigger")));
  }

  @Test
  void coldStartIsTrueOnTheFirstInvocationOnly() {
    for (int i = 0; i < 3; i++) {
      lifecycle.end(lifecycle.begin(null, null, new TestContext("r" + i), null), null);
    }
    telemetry.flush(); // the second and third wait for their batch
    List<Boolean> flags =
        exporter.getFinishedSpanItems().stream()
            .map(s -> s.getAttributes().get(AttributeKey.booleanKey("faas.coldstart")))
            .toList();
    assertEquals(List.of(true, false, false), flags);
  }

  @Test
  void xrayHeaderIsTheRemoteParent() {
    Invocation inv = lifecycle.begin(null, null, new TestContext("r"), Fixtures.XRAY_SAMPLED);
    lifecycle.end(inv, null);
    SpanData span = only();
    assertEquals("5759e988bd862e3fe1be46a994272793", span.getTraceId());
    assertEquals("53995c3f42cd8ad8", span.getParentSpanId());
    assertTrue(span.getParentSpanContext().isRemote());
    assertTrue(span.getSpanContext().isSampled());
  }

  @Test
  void xrayHeaderIsReadFromTheSystemPropertyTheRuntimeSets() {
    System.setProperty(InvocationLifecycle.XRAY_TRACE_HEADER_PROPERTY, Fixtures.XRAY_SAMPLED);
    try {
      lifecycle.end(lifecycle.begin(null, null, new TestContext("r")), null);
    } finally {
      System.clearProperty(InvocationLifecycle.XRAY_TRACE_HEADER_PROPERTY);
    }
    assertEquals("5759e988bd862e3fe1be46a994272793", only().getTraceId());
  }

  @Test
  void xrayHeaderFallsBackToTheEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(Fixtures.lambdaEnv());
    env.put("_X_AMZN_TRACE_ID", Fixtures.XRAY_SAMPLED);
    try (WardenTelemetry t = Fixtures.inMemory(exporter, env)) {
      InvocationLifecycle l = new InvocationLifecycle(t);
      l.end(l.begin(null, null, new TestContext("r")), null);
      // (the in-memory exporter forgets its spans when shut down)
      assertEquals("53995c3f42cd8ad8", only().getParentSpanId());
    }
  }

  @Test
  void aThrownErrorSetsErrorStatusAndAnExceptionEvent() {
    Invocation inv = lifecycle.begin(null, null, new TestContext("r"), null);
    lifecycle.end(inv, new IllegalStateException("boom"));
    SpanData span = only();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("boom", span.getStatus().getDescription());
    assertEquals(
        "java.lang.IllegalStateException",
        span.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals("exception", span.getEvents().get(0).getName());
  }

  @Test
  void unsampledInvocationWithoutAlertIsNotExported() {
    Invocation inv = lifecycle.begin(null, null, new TestContext("r"), Fixtures.XRAY_UNSAMPLED);
    Span child = telemetry.tracer().spanBuilder("work").setParent(inv.context()).startSpan();
    child.end();
    assertFalse(inv.sampled());
    lifecycle.end(inv, null);
    assertEquals(List.of(), exporter.getFinishedSpanItems());
  }

  @Test
  void unsampledInvocationWithAnAlertIsExportedWithItsChildren() {
    Invocation inv = lifecycle.begin(null, null, new TestContext("r"), Fixtures.XRAY_UNSAMPLED);
    Span child = telemetry.tracer().spanBuilder("work").setParent(inv.context()).startSpan();
    child.end();
    inv.markAlert();
    lifecycle.end(inv, null);
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(2, spans.size());
    SpanData invocationSpan =
        spans.stream().filter(s -> s.getName().equals("orders-fn")).findFirst().orElseThrow();
    assertEquals("5759e988bd862e3fe1be46a994272793", invocationSpan.getTraceId());
    assertEquals(
        invocationSpan.getSpanId(),
        spans.stream()
            .filter(s -> s.getName().equals("work"))
            .findFirst()
            .orElseThrow()
            .getParentSpanId());
    // exported as sampled, so backends keep them
    assertTrue(spans.stream().allMatch(s -> s.getSpanContext().isSampled()));
    assertEquals(
        1L, invocationSpan.getAttributes().get(AttributeKey.longKey("warden.alert_count")));
  }

  @Test
  void anAlertSpanAloneMarksItsInvocation() {
    Invocation inv = lifecycle.begin(null, null, new TestContext("r"), Fixtures.XRAY_UNSAMPLED);
    telemetry
        .tracer()
        .spanBuilder("warden alert")
        .setParent(inv.context())
        .setAttribute("warden.rule", "process-shell")
        .setAttribute("faas.invocation_id", "r")
        .startSpan()
        .end();
    assertTrue(inv.hasAlert());
    lifecycle.end(inv, null);
    assertEquals(2, exporter.getFinishedSpanItems().size());
  }

  @Test
  void alwaysOffSamplerStillExportsAlerts() {
    try (WardenTelemetry t =
        WardenTelemetry.builder(Map.of("OTEL_TRACES_SAMPLER", "always_off"))
            .exporterFactory(() -> exporter)
            .warnings(w -> {})
            .build()) {
      InvocationLifecycle l = new InvocationLifecycle(t);
      Invocation quiet = l.begin(null, null, new TestContext("quiet"), null);
      l.end(quiet, null);
      Invocation alerted = l.begin(null, null, new TestContext("alerted"), null);
      alerted.markAlert();
      l.end(alerted, null);
      // asserted before close: the in-memory exporter forgets its spans when shut down
      assertEquals(
          "alerted", only().getAttributes().get(AttributeKey.stringKey("faas.invocation_id")));
    }
  }

  @Test
  void alertSpansOutsideAnInvocationAreExportedOnTheirOwn() {
    try (WardenTelemetry t =
        WardenTelemetry.builder(Map.of("OTEL_TRACES_SAMPLER", "always_off"))
            .exporterFactory(() -> exporter)
            .warnings(w -> {})
            .build()) {
      t.tracer().spanBuilder("not an alert").startSpan().end();
      t.tracer()
          .spanBuilder("warden alert")
          .setAttribute("warden.rule", "dns-exfiltration")
          .startSpan()
          .end();
      assertTrue(t.flush());
      SpanData span = only();
      assertEquals("warden alert", span.getName());
      assertFalse(span.getParentSpanContext().isValid());
      assertTrue(span.getSpanContext().isSampled());
      assertEquals(
          "unknown_service:java",
          span.getResource().getAttributes().get(AttributeKey.stringKey("service.name")));
      assertNotNull(
          span.getResource().getAttributes().get(AttributeKey.stringKey("telemetry.sdk.version")));
    }
  }

  @Test
  void endIsIdempotentAndNeverThrows() {
    Invocation inv = lifecycle.begin(null, null, null, "garbage;header");
    lifecycle.end(inv, null);
    lifecycle.end(inv, null);
    lifecycle.end(null, null);
    assertEquals(1, exporter.getFinishedSpanItems().size());
  }

  @Test
  void traceIdsStartWithTheEpochSecondForXray() {
    lifecycle.end(lifecycle.begin(null, null, new TestContext("r"), null), null);
    long seconds = Long.parseLong(only().getTraceId().substring(0, 8), 16);
    assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 60);
  }
}
