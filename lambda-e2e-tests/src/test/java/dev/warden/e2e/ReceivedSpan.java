package dev.warden.e2e;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One span as the receiver decoded it, with its resource, its instrumentation scope and when its
 * export request arrived ({@link System#nanoTime()}, after the whole body was read).
 */
record ReceivedSpan(
    Span span, Map<String, Object> resource, String scope, long arrivalNanos, int request) {

  String traceId() {
    return HexFormat.of().formatHex(span.getTraceId().toByteArray());
  }

  String spanId() {
    return HexFormat.of().formatHex(span.getSpanId().toByteArray());
  }

  /** The parent's span id in hex, or the empty string for a root span. */
  String parentSpanId() {
    return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
  }

  String name() {
    return span.getName();
  }

  Span.SpanKind kind() {
    return span.getKind();
  }

  Status.StatusCode statusCode() {
    return span.getStatus().getCode();
  }

  Map<String, Object> attributes() {
    return toMap(span.getAttributesList());
  }

  Object attribute(String key) {
    return attributes().get(key);
  }

  boolean has(String key) {
    return attributes().containsKey(key);
  }

  /** An alert span carries the contract's {@code warden.rule}. */
  boolean isAlert() {
    return has("warden.rule");
  }

  static Map<String, Object> toMap(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return map;
  }

  static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          list.add(value(element));
        }
        return list;
      case KVLIST_VALUE:
        return toMap(value.getKvlistValue().getValuesList());
      case BYTES_VALUE:
        return value.getBytesValue().toByteArray();
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    return "span '"
        + name()
        + "' "
        + kind()
        + " trace="
        + traceId()
        + " id="
        + spanId()
        + " parent="
        + parentSpanId()
        + " scope="
        + scope
        + " status="
        + statusCode()
        + " "
        + attributes();
  }
}
