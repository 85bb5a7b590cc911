package dev.warden.demo;

import dev.warden.localruntime.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One span read back from the function's OTLP JSON lines ({@code
 * OTEL_TRACES_EXPORTER=logging-otlp}: one {@code ExportTraceServiceRequest} per line on standard
 * output).
 */
record Span(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    long startNanos,
    long endNanos,
    Map<String, String> attributes) {

  String attribute(String key) {
    return attributes.get(key);
  }

  boolean isAlert() {
    return attributes.containsKey("warden.rule");
  }

  /** Every span in the OTLP JSON lines of {@code output}; other lines are skipped. */
  static List<Span> parseOtlpLines(String output) {
    List<Span> spans = new ArrayList<>();
    for (String line : output.split("\n")) {
      int start = line.indexOf("{\"resourceSpans\"");
      if (start < 0) {
        continue;
      }
      Map<String, Object> request;
      try {
        request = Json.parseObject(line.substring(start).strip());
      } catch (IllegalArgumentException notJson) {
        continue;
      }
      for (Object resourceSpans : list(request.get("resourceSpans"))) {
        for (Object scopeSpans : list(map(resourceSpans).get("scopeSpans"))) {
          for (Object span : list(map(scopeSpans).get("spans"))) {
            spans.add(of(map(span)));
          }
        }
      }
    }
    return spans;
  }

  private static Span of(Map<String, Object> span) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Object attribute : list(span.get("attributes"))) {
      Map<String, Object> kv = map(attribute);
      attributes.put((String) kv.get("key"), valueText(map(kv.get("value"))));
    }
    String parent = (String) span.get("parentSpanId");
    return new Span(
        (String) span.get("traceId"),
        (String) span.get("spanId"),
        parent == null || parent.isEmpty() ? null : parent,
        (String) span.get("name"),
        nanos(span.get("startTimeUnixNano")),
        nanos(span.get("endTimeUnixNano")),
        attributes);
  }

  private static String valueText(Map<String, Object> value) {
    for (Map.Entry<String, Object> typed : value.entrySet()) {
      Object v = typed.getValue();
      if (v instanceof Map<?, ?> array && array.get("values") instanceof List<?> values) {
        List<String> texts = new ArrayList<>();
        for (Object element : values) {
          texts.add(valueText(map(element)));
        }
        return String.join(", ", texts);
      }
      if (v instanceof Double d && d == Math.rint(d)) {
        return Long.toString(d.longValue());
      }
      return String.valueOf(v);
    }
    return "";
  }

  private static long nanos(Object value) {
    if (value instanceof String s) {
      return Long.parseLong(s);
    }
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
