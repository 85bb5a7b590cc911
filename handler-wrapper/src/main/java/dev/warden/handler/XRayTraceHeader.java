package dev.warden.handler;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

/**
 * Parses the X-Ray trace header Lambda gives each invocation ({@code
 * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=...}) into a
 * remote parent: trace id = the Root's 8 + 24 hex digits, span id = Parent, sampled = Sampled.
 *
 * <p>Written here rather than taken from {@code opentelemetry-aws-xray-propagator}: its
 * 1.48.0-alpha calls an internal API method that OpenTelemetry 1.68 removed. Extraction only;
 * Warden never injects headers.
 */
final class XRayTraceHeader {
  private XRayTraceHeader() {}

  /** The context with the header's remote parent, or {@code context} unchanged when invalid. */
  static Context extract(Context context, String header) {
    SpanContext parent = parse(header);
    return parent == null ? context : context.with(Span.wrap(parent));
  }

  /** The remote parent, or null when the header lacks a valid Root or Parent. */
  static SpanContext parse(String header) {
    if (header == null) {
      return null;
    }
    String traceId = null;
    String spanId = null;
    boolean sampled = false;
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      switch (key) {
        case "Root" -> traceId = traceId(value);
        case "Parent" ->
            spanId = isHex(value, 16) ? value.toLowerCase(java.util.Locale.ROOT) : null;
        case "Sampled" -> sampled = value.equals("1");
        default -> {}
      }
    }
    if (traceId == null || spanId == null) {
      return null;
    }
    SpanContext parent =
        SpanContext.createFromRemoteParent(
            traceId,
            spanId,
            sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
            TraceState.getDefault());
    return parent.isValid() ? parent : null;
  }

  /** {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy} to 32 lowercase hex digits. */
  private static String traceId(String root) {
    if (root.length() != 35
        || root.charAt(0) != '1'
        || root.charAt(1) != '-'
        || root.charAt(10) != '-') {
      return null;
    }
    String id = root.substring(2, 10) + root.substring(11);
    return isHex(id, 32) ? id.toLowerCase(java.util.Locale.ROOT) : null;
  }

  private static boolean isHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
