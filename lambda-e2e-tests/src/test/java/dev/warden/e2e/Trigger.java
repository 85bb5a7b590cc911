package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * The trigger types the tests send (realistic events under {@code events/}), and what the
 * OpenTelemetry FaaS, HTTP and messaging conventions ask of the invocation span for each.
 */
enum Trigger {
  API_GATEWAY_REST(
      "apigw-rest.json",
      "http",
      SpanKind.SPAN_KIND_SERVER,
      Map.of(
          "http.request.method", "GET",
          "url.path", "/pets/42",
          "http.route", "/pets/{petId}",
          "server.address", "a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com",
          "client.address", "203.0.113.7",
          "user_agent.original", "curl/8.5.0",
          "url.scheme", "https")),
  API_GATEWAY_HTTP(
      "apigw-http.json",
      "http",
      SpanKind.SPAN_KIND_SERVER,
      Map.of(
          "http.request.method", "POST",
          "url.path", "/orders/1234",
          "http.route", "/orders/{orderId}",
          "server.address", "r3pmxmplak.execute-api.eu-central-1.amazonaws.com",
          "client.address", "198.51.100.23",
          "user_agent.original", "okhttp/4.12.0")),
  SQS(
      "sqs.json",
      "pubsub",
      SpanKind.SPAN_KIND_CONSUMER,
      Map.of(
          "messaging.system", "aws_sqs",
          "messaging.destination.name", "orders-queue",
          "messaging.operation.type", "process",
          "messaging.batch.message_count", 1L,
          "messaging.message.id", "059f36b4-87a3-44ab-83d2-661975830a7d")),
  S3(
      "s3.json",
      "datasource",
      SpanKind.SPAN_KIND_SERVER,
      Map.of(
          "faas.document.collection", "customer-uploads",
          "faas.document.operation", "insert",
          "faas.document.name", "invoices/2026/april.pdf",
          "faas.document.time", "2026-04-09T12:34:56.000Z")),
  DIRECT("direct.json", "other", SpanKind.SPAN_KIND_SERVER, Map.of());

  static final List<Trigger> ALL = List.of(values());

  final String eventFile;
  final String faasTrigger;
  final SpanKind kind;
  final Map<String, Object> attributes;

  Trigger(String eventFile, String faasTrigger, SpanKind kind, Map<String, Object> attributes) {
    this.eventFile = eventFile;
    this.faasTrigger = faasTrigger;
    this.kind = kind;
    this.attributes = attributes;
  }

  String event() {
    return Functions.event(eventFile);
  }

  /** Checks of the span kind and the trigger's attributes. */
  List<Executable> checks(ReceivedSpan span) {
    List<Executable> checks = new java.util.ArrayList<>();
    checks.add(() -> assertEquals(faasTrigger, span.attribute("faas.trigger"), this + " trigger"));
    checks.add(() -> assertEquals(kind, span.kind(), this + " span kind"));
    attributes.forEach(
        (key, value) ->
            checks.add(() -> assertEquals(value, span.attribute(key), this + " " + key)));
    return checks;
  }
}
