package dev.warden.agent.telemetry;

import dev.warden.agent.alert.AlertJson;
import dev.warden.agent.model.Action;
import dev.warden.agent.model.Alert;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An alert as a span: the contract's {@code warden.*} keys and {@code faas.invocation_id}, exactly
 * as in the JSON log line, plus the OpenTelemetry semantic conventions' {@code security_rule.*}
 * attributes so that backends that understand them can group alerts.
 */
final class AlertSpans {
  static final String RULESET = "warden";
  private static final AttributeKey<String> RULE_NAME =
      AttributeKey.stringKey("security_rule.name");
  private static final AttributeKey<String> RULE_CATEGORY =
      AttributeKey.stringKey("security_rule.category");
  private static final AttributeKey<String> RULE_RULESET =
      AttributeKey.stringKey("security_rule.ruleset.name");
  private static final AttributeKey<String> RULE_UUID =
      AttributeKey.stringKey("security_rule.uuid");
  private static final AttributeKey<String> RULE_DESCRIPTION =
      AttributeKey.stringKey("security_rule.description");
  private static final AttributeKey<String> RULE_VERSION =
      AttributeKey.stringKey("security_rule.version");

  private AlertSpans() {}

  /** Starts and ends the alert's span under {@code parent} (an invocation, or the root). */
  static Span record(Tracer tracer, Context parent, Alert alert, String agentVersion) {
    Span span =
        tracer
            .spanBuilder("warden " + alert.rule())
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(alert.epochMillis(), TimeUnit.MILLISECONDS)
            .setAllAttributes(attributes(alert, agentVersion))
            .startSpan();
    if (alert.action() == Action.BLOCKED) {
      span.setStatus(StatusCode.ERROR, "blocked by Warden: " + alert.rule());
    }
    span.end();
    return span;
  }

  static Attributes attributes(Alert alert, String agentVersion) {
    AttributesBuilder attributes = Attributes.builder();
    for (Map.Entry<String, Object> entry : AlertJson.attributes(alert).entrySet()) {
      Object value = entry.getValue();
      if (value instanceof String) {
        attributes.put(entry.getKey(), (String) value);
      } else if (value instanceof List) {
        List<?> list = (List<?>) value;
        String[] strings = new String[list.size()];
        int i = 0;
        for (Object element : list) {
          strings[i++] = String.valueOf(element);
        }
        attributes.put(AttributeKey.stringArrayKey(entry.getKey()), List.of(strings));
      } else if (value instanceof Number) {
        attributes.put(entry.getKey(), ((Number) value).longValue());
      } else if (value != null) {
        attributes.put(entry.getKey(), String.valueOf(value));
      }
    }
    attributes.put(RULE_NAME, alert.rule());
    attributes.put(RULE_CATEGORY, alert.category().key());
    attributes.put(RULE_RULESET, RULESET);
    attributes.put(RULE_UUID, ruleUuid(alert.rule()));
    if (alert.message() != null) {
      attributes.put(RULE_DESCRIPTION, alert.message());
    }
    if (agentVersion != null) {
      attributes.put(RULE_VERSION, agentVersion);
    }
    return attributes.build();
  }

  /** Stable per rule id, so backends can group one rule's alerts across functions and versions. */
  static String ruleUuid(String ruleId) {
    return UUID.nameUUIDFromBytes(("warden:" + ruleId).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
