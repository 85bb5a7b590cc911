package dev.warden.handler.event;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

/**
 * What an event says about how the function was invoked.
 *
 * @param source which kind of event it is (for tests and logs)
 * @param faasTrigger the {@code faas.trigger} value: {@code http}, {@code pubsub}, {@code
 *     datasource}, {@code timer} or {@code other}
 * @param spanKind the invocation span's kind
 * @param spanName the span name the conventions ask for, or null for the function name
 * @param attributes the HTTP, messaging or datasource attributes of the invocation span
 */
public record Trigger(
    Source source, String faasTrigger, SpanKind spanKind, String spanName, Attributes attributes) {

  /** The event sources told apart. */
  public enum Source {
    API_GATEWAY_REST,
    API_GATEWAY_HTTP,
    FUNCTION_URL,
    ALB,
    SQS,
    SNS,
    S3,
    EVENTBRIDGE,
    SCHEDULED,
    DYNAMODB_STREAM,
    KINESIS,
    DIRECT
  }
}
