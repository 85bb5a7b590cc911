package dev.warden.agent.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader for tests: objects (key order kept, duplicate keys rejected), arrays,
 * strings, integers, true/false/null. Anything else, including raw control characters in strings,
 * bad escapes and trailing text, throws {@link IllegalArgumentException}.
 */
final class StrictJson {
  private final String text;
  private int at;

  private StrictJson(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    StrictJson reader = new StrictJson(text);
    reader.skipBlanks();
    Object value = reader.value();
    reader.skipBlanks();
    if (reader.at != text.length()) {
      throw reader.error("trailing text");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("not an object: " + text);
    }
    return (Map<String, Object>) value;
  }

  private Object value() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return integer();
        }
        throw error("unexpected character");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> object = new LinkedHashMap<>();
    at++;
    skipBlanks();
    if (peek() == '}') {
      at++;
      return object;
    }
    while (true) {
      skipBlanks();
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = string();
      skipBlanks();
      expect(':');
      skipBlanks();
      if (object.containsKey(key)) {
        throw error("duplicate key " + key);
      }
      object.put(key, value());
      skipBlanks();
      char c = next();
      if (c == '}') {
        return object;
      }
      if (c != ',') {
        throw error("expected , or }");
      }
    }
  }

  private List<Object> array() {
    List<Object> array = new ArrayList<>();
    at++;
    skipBlanks();
    if (peek() == ']') {
      at++;
      return array;
    }
    while (true) {
      skipBlanks();
      array.add(value());
      skipBlanks();
      char c = next();
      if (c == ']') {
        return array;
      }
      if (c != ',') {
        throw error("expected , or ]");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("raw control character " + (int) c);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out.append(escape);
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case 'u':
          if (at + 4 > text.length()) {
            throw error("short \\u escape");
          }
          String hex = text.substring(at, at + 4);
          if (!hex.matches("[0-9a-fA-F]{4}")) {
            throw error("bad \\u escape");
          }
          out.append((char) Integer.parseInt(hex, 16));
          at += 4;
          break;
        default:
          throw error("bad escape \\" + escape);
      }
    }
  }

  private Long integer() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') {
        at++;
      }
    } else {
      throw error("bad number");
    }
    if (peek() == '.' || peek() == 'e' || peek() == 'E') {
      throw error("this reader only takes integers");
    }
    return Long.parseLong(text.substring(start, at));
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("bad literal");
    }
    at += word.length();
    return value;
  }

  private void skipBlanks() {
    while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private char next() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected " + c);
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(problem + " at " + at + " in " + text);
  }
}
