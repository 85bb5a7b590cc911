package dev.warden.agent.alert;

import dev.warden.agent.model.Alert;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The alert's JSON log line and its span attributes, with the contract's keys in one fixed order.
 *
 * <p>The line is valid JSON whatever the strings hold: every control character is escaped, so the
 * line never contains a raw newline, and lone UTF-16 surrogates (which have no UTF-8 form) become
 * U+FFFD. Attacker-controlled text (file names, command lines, host names) ends up in here, so a
 * crafted name must not be able to forge or break a log line.
 */
public final class AlertJson {
  public static final String TIME = "time";
  public static final String RULE = "warden.rule";
  public static final String CATEGORY = "warden.category";
  public static final String OPERATION = "warden.operation";
  public static final String ACTION = "warden.action";
  public static final String SEVERITY = "warden.severity";
  public static final String TARGET = "warden.target";
  public static final String REQUESTED_TARGET = "warden.target.requested";
  public static final String INVOCATION_ID = "faas.invocation_id";
  public static final String SOURCE = "warden.source";
  public static final String MODE = "warden.mode";
  public static final String MESSAGE = "warden.message";
  public static final String THREAD = "thread.name";
  public static final String STACK = "warden.stack";

  /**
   * Longest string value written in a line. CloudWatch Logs cuts events above 256 KiB, which would
   * leave half a JSON object; a value this long has made its point long before its end.
   */
  static final int MAX_VALUE_CHARS = 4096;

  /** Most stack frames written in a line, for the same reason. */
  static final int MAX_STACK_FRAMES = 32;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private AlertJson() {}

  /** The alert as one line of JSON, without a line terminator. */
  public static String toJson(Alert alert) {
    StringBuilder out = new StringBuilder(256);
    appendTo(out, alert);
    return out.toString();
  }

  /** Appends the alert's JSON line (no line terminator) to {@code out}, which callers may reuse. */
  public static void appendTo(StringBuilder out, Alert alert) {
    out.append("{\"").append(TIME).append("\":\"");
    appendIsoTime(out, alert.epochMillis());
    out.append('"');
    appendField(out, RULE, alert.rule());
    appendField(out, CATEGORY, alert.category() == null ? null : alert.category().key());
    appendField(out, OPERATION, alert.operation() == null ? null : alert.operation().key());
    appendField(out, ACTION, alert.action() == null ? null : alert.action().key());
    appendField(out, SEVERITY, alert.severity() == null ? null : alert.severity().key());
    appendField(out, TARGET, alert.target());
    appendField(out, REQUESTED_TARGET, requestedTargetIfDifferent(alert));
    appendField(out, INVOCATION_ID, alert.invocationId());
    appendField(out, SOURCE, alert.source());
    appendField(out, MODE, alert.mode() == null ? null : alert.mode().key());
    appendField(out, MESSAGE, alert.message());
    appendField(out, THREAD, alert.thread());
    List<String> stack = alert.stack();
    if (stack != null && !stack.isEmpty()) {
      out.append(",\"").append(STACK).append("\":[");
      boolean first = true;
      int written = 0;
      for (String frame : stack) {
        if (frame == null) {
          continue;
        }
        if (written++ == MAX_STACK_FRAMES) {
          break;
        }
        if (!first) {
          out.append(',');
        }
        appendString(out, frame);
        first = false;
      }
      out.append(']');
    }
    out.append('}');
  }

  /**
   * The same keys and values as the JSON line, for span attributes: strings, and the stack as a
   * {@code List<String>}. {@code time} is left out because a span carries its own timestamp (use
   * {@link Alert#epochMillis()}). Values are the alert's own strings, not escaped.
   */
  public static Map<String, Object> attributes(Alert alert) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    put(attributes, RULE, alert.rule());
    put(attributes, CATEGORY, alert.category() == null ? null : alert.category().key());
    put(attributes, OPERATION, alert.operation() == null ? null : alert.operation().key());
    put(attributes, ACTION, alert.action() == null ? null : alert.action().key());
    put(attributes, SEVERITY, alert.severity() == null ? null : alert.severity().key());
    put(attributes, TARGET, alert.target());
    put(attributes, REQUESTED_TARGET, requestedTargetIfDifferent(alert));
    put(attributes, INVOCATION_ID, alert.invocationId());
    put(attributes, SOURCE, alert.source());
    put(attributes, MODE, alert.mode() == null ? null : alert.mode().key());
    put(attributes, MESSAGE, alert.message());
    put(attributes, THREAD, alert.thread());
    List<String> stack = alert.stack();
    if (stack != null && !stack.isEmpty()) {
      List<String> frames = new ArrayList<>(stack.size());
      for (String frame : stack) {
        if (frame != null) {
          frames.add(frame);
        }
      }
      attributes.put(STACK, Collections.unmodifiableList(frames));
    }
    return Collections.unmodifiableMap(attributes);
  }

  private static String requestedTargetIfDifferent(Alert alert) {
    String requested = alert.requestedTarget();
    return Objects.equals(requested, alert.target()) ? null : requested;
  }

  private static void put(Map<String, Object> attributes, String key, String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }

  /** Appends {@code ,"key":"value"}, or nothing when the value is null. */
  static void appendField(StringBuilder out, String key, String value) {
    if (value == null) {
      return;
    }
    out.append(",\"").append(key).append("\":");
    appendString(out, value);
  }

  /** Appends {@code value} as a quoted, escaped JSON string, shortened beyond the cap. */
  static void appendString(StringBuilder out, String value) {
    out.append('"');
    int length = value.length();
    int dropped = 0;
    if (length > MAX_VALUE_CHARS) {
      length = MAX_VALUE_CHARS;
      if (Character.isHighSurrogate(value.charAt(length - 1))) {
        length--;
      }
      dropped = value.length() - length;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            // U+2028/U+2029 are valid JSON but end lines in JavaScript and some log viewers.
            appendUnicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
              out.append(c).append(value.charAt(i + 1));
              i++;
            } else {
              out.append('\uFFFD');
            }
          } else if (Character.isLowSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
      }
    }
    if (dropped > 0) {
      out.append("...[").append(dropped).append(" more chars]");
    }
    out.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  /** Appends {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, always with millis (unlike Instant). */
  static void appendIsoTime(StringBuilder out, long epochMillis) {
    long epochSecond = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    long epochDay = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int year = date.getYear();
    if (year > 9999) {
      out.append('+');
    } else if (year < 0) {
      out.append('-');
      year = -year;
    }
    appendPadded(out, year, 4);
    out.append('-');
    appendPadded(out, date.getMonthValue(), 2);
    out.append('-');
    appendPadded(out, date.getDayOfMonth(), 2);
    out.append('T');
    appendPadded(out, secondOfDay / 3600, 2);
    out.append(':');
    appendPadded(out, (secondOfDay / 60) % 60, 2);
    out.append(':');
    appendPadded(out, secondOfDay % 60, 2);
    out.append('.');
    appendPadded(out, millis, 3);
    out.append('Z');
  }

  private static void appendPadded(StringBuilder out, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; digits++, limit *= 10) {
      if (value < limit) {
        out.append('0');
      }
    }
    out.append(value);
  }
}
