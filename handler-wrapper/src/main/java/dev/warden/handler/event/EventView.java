package dev.warden.handler.event;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads fields of an event whether it is parsed JSON (maps and lists) or a deserialised POJO such
 * as {@code com.amazonaws.services.lambda.runtime.events.SQSEvent}: a key is looked up exactly,
 * then ignoring case and non-alphanumerics, and for a POJO through its public getter ({@code
 * "eventSourceARN"} finds {@code getEventSourceArn()}, {@code "detail-type"} finds {@code
 * getDetailType()}). Never throws: what cannot be read is null.
 */
final class EventView {
  private EventView() {}

  static Object get(Object node, String key) {
    if (node == null) {
      return null;
    }
    try {
      if (node instanceof Map<?, ?> map) {
        Object v = map.get(key);
        if (v != null) {
          return v;
        }
        String wanted = normalised(key);
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (e.getKey() != null && normalisesTo(e.getKey().toString(), wanted)) {
            return e.getValue();
          }
        }
        return null;
      }
      if (node instanceof CharSequence || node instanceof Number || node instanceof Boolean) {
        return null;
      }
      return getter(node, key);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  static Object path(Object node, String... keys) {
    Object v = node;
    for (String k : keys) {
      v = get(v, k);
      if (v == null) {
        return null;
      }
    }
    return v;
  }

  static String str(Object node, String... keys) {
    Object v = path(node, keys);
    return v == null ? null : v instanceof CharSequence ? v.toString() : scalar(v);
  }

  private static String scalar(Object v) {
    if (v instanceof Number || v instanceof Boolean || v instanceof Enum<?>) {
      return v.toString();
    }
    // joda/java.time dates in POJO events
    String name = v.getClass().getName();
    if (name.startsWith("org.joda.time.") || name.startsWith("java.time.")) {
      return v.toString();
    }
    return null;
  }

  static List<?> list(Object node, String... keys) {
    Object v = path(node, keys);
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof Iterable<?> it) {
      List<Object> out = new java.util.ArrayList<>();
      it.forEach(out::add);
      return out;
    }
    if (v != null && v.getClass().isArray() && !v.getClass().getComponentType().isPrimitive()) {
      int n = Array.getLength(v);
      List<Object> out = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(Array.get(v, i));
      }
      return out;
    }
    return Collections.emptyList();
  }

  /** A header value, ignoring case, from the event's {@code headers} map. */
  static String header(Object event, String name) {
    Object headers = get(event, "headers");
    if (headers instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getKey() != null && e.getKey().toString().equalsIgnoreCase(name)) {
          Object v = e.getValue();
          return v == null ? null : v.toString();
        }
      }
    }
    return null;
  }

  private static Object getter(Object node, String key) throws ReflectiveOperationException {
    String wanted = "get" + normalised(key);
    String wantedBoolean = "is" + normalised(key);
    for (Method m : node.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      String name = m.getName().toLowerCase(Locale.ROOT);
      if (name.equals(wanted) || name.equals(wantedBoolean)) {
        return m.invoke(node);
      }
    }
    return null;
  }

  /**
   * The classifier asks for the same few dozen keys on every invocation, most of them absent from
   * any one event: their normalised forms are kept rather than built again at each miss. Bounded,
   * in case a caller ever asks for keys without end.
   */
  private static final Map<String, String> NORMALISED = new ConcurrentHashMap<>();

  private static final int MAX_NORMALISED = 512;

  private static String normalised(String key) {
    String known = NORMALISED.get(key);
    if (known != null) {
      return known;
    }
    String made = normalise(key);
    if (NORMALISED.size() < MAX_NORMALISED) {
      NORMALISED.put(key, made);
    }
    return made;
  }

  /** {@code normalise(candidate).equals(normalised)}, without building the normalised string. */
  static boolean normalisesTo(String candidate, String normalised) {
    int matched = 0;
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      char lower;
      if (c < 0x80) {
        // ASCII, the whole of any AWS event's member names: no lookup in the Unicode tables
        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
          lower = c;
        } else if (c >= 'A' && c <= 'Z') {
          lower = (char) (c + ('a' - 'A'));
        } else {
          continue;
        }
      } else if (Character.isLetterOrDigit(c)) {
        lower = Character.toLowerCase(c);
      } else {
        continue;
      }
      if (matched == normalised.length() || lower != normalised.charAt(matched)) {
        return false;
      }
      matched++;
    }
    return matched == normalised.length();
  }

  private static String normalise(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }
}
