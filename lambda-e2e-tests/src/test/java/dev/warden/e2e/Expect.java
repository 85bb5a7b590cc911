package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.function.Executable;

/** What a user must find in the tracing backend for an invocation. */
final class Expect {
  static final String WARDEN_KEYS_PREFIX = "warden.";
  static final List<String> ALERT_KEYS =
      List.of(
          "warden.rule",
          "warden.category",
          "warden.operation",
          "warden.action",
          "warden.severity",
          "warden.target",
          "faas.invocation_id");

  private Expect() {}

  /**
   * Warden's invocation spans in an invocation's trace: not alerts, and not from the OpenTelemetry
   * Java agent's own instrumentation scopes (present in the coexistence test).
   */
  static List<ReceivedSpan> invocationSpans(OtlpReceiver receiver, Sent sent) {
    return receiver.spans(
        s ->
            s.traceId().equals(sent.traceId())
                && !s.isAlert()
                && !s.scope().startsWith("io.opentelemetry"));
  }

  static List<ReceivedSpan> alertSpans(OtlpReceiver receiver, Sent sent) {
    return receiver.spans(s -> s.traceId().equals(sent.traceId()) && s.isAlert());
  }

  /** Waits for the invocation's span (it should be there already: it is flushed before return). */
  static ReceivedSpan theInvocationSpan(OtlpReceiver receiver, Sent sent)
      throws InterruptedException {
    receiver.await(
        s -> s.traceId().equals(sent.traceId()) && !s.isAlert(), 1, Duration.ofSeconds(3));
    List<ReceivedSpan> spans = invocationSpans(receiver, sent);
    assertEquals(
        1,
        spans.size(),
        () ->
            "exactly one invocation span for "
                + sent
                + "; spans in its trace: "
                + describe(receiver.inTrace(sent.traceId()))
                + "; all received: "
                + describe(receiver.spans()));
    return spans.get(0);
  }

  /**
   * The invocation span's FaaS and cloud attributes, its X-Ray parent, and its resource, for a
   * function made by {@link Functions#withAgent} (or with the same settings).
   */
  static void invocationSpan(
      ReceivedSpan span,
      Sent sent,
      Trigger trigger,
      boolean coldStart,
      String functionName,
      String functionArn,
      String serviceName) {
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertEquals(sent.traceId(), span.traceId(), "trace id from the X-Ray Root"));
    checks.add(
        () ->
            assertEquals(
                sent.trace().parentSpanId(),
                span.parentSpanId(),
                "parent span id from the X-Ray Parent"));
    checks.add(() -> assertEquals(sent.requestId(), span.attribute("faas.invocation_id")));
    checks.add(() -> assertEquals(coldStart, span.attribute("faas.coldstart"), "faas.coldstart"));
    checks.add(() -> assertEquals("aws", span.attribute("cloud.provider")));
    checks.add(() -> assertEquals(Functions.REGION, span.attribute("cloud.region")));
    checks.add(
        () ->
            assertEquals(
                functionArn, span.attribute("cloud.resource_id"), "cloud.resource_id = ARN"));
    Map<String, Object> resource = span.resource();
    checks.add(() -> assertEquals(serviceName, resource.get("service.name"), "service.name"));
    checks.add(() -> assertEquals(functionName, resource.get("faas.name"), "faas.name"));
    checks.add(() -> assertEquals("$LATEST", resource.get("faas.version"), "faas.version"));
    checks.add(
        () ->
            assertEquals(
                Functions.logStream(functionName), resource.get("faas.instance"), "faas.instance"));
    checks.add(
        () ->
            assertEquals(
                Functions.MEMORY_MB * 1024L * 1024L,
                resource.get("faas.max_memory"),
                "faas.max_memory in bytes"));
    checks.addAll(trigger.checks(span));
    assertAll(sent.label() + " " + sent.requestId() + ": " + span, checks);
  }

  /** An alert span: child of the invocation span, with the contract's keys. */
  static void alertSpan(ReceivedSpan alert, ReceivedSpan invocation, Sent sent) {
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertEquals(invocation.traceId(), alert.traceId(), "same trace"));
    checks.add(
        () -> assertEquals(invocation.spanId(), alert.parentSpanId(), "child of the invocation"));
    checks.add(() -> assertEquals("warden " + alert.attribute("warden.rule"), alert.name()));
    for (String key : ALERT_KEYS) {
      checks.add(() -> assertNotNull(alert.attribute(key), key));
    }
    checks.add(() -> assertEquals(sent.requestId(), alert.attribute("faas.invocation_id")));
    checks.add(
        () ->
            assertEquals(
                alert.attribute("warden.rule"),
                alert.attribute("security_rule.name"),
                "security_rule.name"));
    checks.add(
        () ->
            assertEquals(
                alert.attribute("warden.category"),
                alert.attribute("security_rule.category"),
                "security_rule.category"));
    checks.add(() -> assertEquals("warden", alert.attribute("security_rule.ruleset.name")));
    checks.add(() -> assertNotNull(alert.attribute("security_rule.uuid"), "security_rule.uuid"));
    checks.add(
        () ->
            assertTrue(
                List.of("low", "medium", "high", "critical")
                    .contains(alert.attribute("warden.severity")),
                "severity"));
    checks.add(
        () ->
            assertTrue(
                List.of("alerted", "blocked").contains(alert.attribute("warden.action")),
                "action"));
    assertAll("alert " + alert, checks);
  }

  /** The alert's contract keys, as a span attribute map or a log line gives them. */
  static Map<String, Object> contractKeys(Map<String, Object> attributes) {
    return ALERT_KEYS.stream()
        .filter(attributes::containsKey)
        .collect(Collectors.toMap(k -> k, attributes::get, (a, b) -> a, java.util.TreeMap::new));
  }

  static String describe(List<ReceivedSpan> spans) {
    if (spans.isEmpty()) {
      return "(none)";
    }
    return spans.stream()
        .map(ReceivedSpan::toString)
        .collect(Collectors.joining("\n  ", "\n  ", ""));
  }
}
