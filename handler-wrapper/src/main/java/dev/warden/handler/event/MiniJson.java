package dev.warden.handler.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JDK-only JSON reader and writer: objects become {@link LinkedHashMap}, arrays {@link
 * ArrayList}, numbers {@link Long} or {@link Double}, plus {@link String}, {@link Boolean} and
 * null. Enough to classify a Lambda event and to hand a {@code Map} to a POJO handler, without
 * making the function carry a JSON library.
 *
 * <p>Its token reading is also open to a caller that walks a document without building it ({@link
 * #reader}): such a walk reads exactly the documents {@link #parse} reads.
 *
 * <p>It reads UTF-8 bytes, not a {@code String}: events arrive as bytes, and on Lambda, where C1
 * compiles this code, a loop over an array costs about a third of one over {@code String.charAt}.
 * The characters that give JSON its structure are ASCII and never part of a multi-byte sequence, so
 * the bytes are walked one by one, and only strings are decoded. Positions are byte offsets.
 */
public final class MiniJson {
  /** Nesting deeper than this is not read as a document. */
  public static final int MAX_DEPTH = 256;

  private final byte[] text;
  private int pos;

  private MiniJson(byte[] utf8) {
    this.text = utf8;
  }

  /** A reader of {@code utf8}'s tokens, at its start, for a walk that builds nothing. */
  public static MiniJson reader(byte[] utf8) {
    return new MiniJson(utf8);
  }

  /** Moves to {@code position} (a byte offset) and returns this reader. */
  public MiniJson at(int position) {
    pos = position;
    return this;
  }

  /** The current byte offset. */
  public int position() {
    return pos;
  }

  /** Whether everything has been read. */
  public boolean atEnd() {
    return pos >= text.length;
  }

  /** The current character (a byte: an ASCII character, or part of a multi-byte one), consumed. */
  public char next() {
    char c = peek();
    pos++;
    return c;
  }

  /** Parses a whole document; throws {@link IllegalArgumentException} on malformed input. */
  public static Object parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses a whole document in UTF-8 (malformed sequences in strings read as U+FFFD, as {@code new
   * String(utf8, UTF_8)} reads them); throws {@link IllegalArgumentException} on malformed JSON.
   */
  public static Object parse(byte[] utf8) {
    MiniJson p = new MiniJson(utf8);
    p.skipWhitespace();
    Object value = p.readValue(0);
    p.skipWhitespace();
    if (p.pos != utf8.length) {
      throw p.error("trailing characters");
    }
    return value;
  }

  /** Parses UTF-8 bytes; returns null (never throws) when they are not one JSON document. */
  public static Object parseOrNull(byte[] utf8) {
    if (utf8 == null || utf8.length == 0) {
      return null;
    }
    try {
      return parse(utf8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Object readValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= text.length) {
      throw error("unexpected end");
    }
    char c = charAt(pos);
    switch (c) {
      case '{':
        return readObject(depth);
      case '[':
        return readArray(depth);
      case '"':
        return readString();
      case 't':
        expectWord("true");
        return Boolean.TRUE;
      case 'f':
        expectWord("false");
        return Boolean.FALSE;
      case 'n':
        expectWord("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> readObject(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String key = readString();
      skipWhitespace();
      if (peek() != ':') {
        throw error("expected ':'");
      }
      pos++;
      skipWhitespace();
      map.put(key, readValue(depth + 1));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> readArray(int depth) {
    List<Object> list = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(readValue(depth + 1));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  /** Reads the string whose opening quote is the current character, unescaped. */
  public String readString() {
    int end = unescapedEnd();
    if (end >= 0) {
      String s = decode(pos + 1, end);
      pos = end + 1;
      return s;
    }
    pos++;
    StringBuilder sb = null;
    int start = pos;
    while (pos < text.length) {
      char c = charAt(pos);
      if (c == '"') {
        String s = sb == null ? decode(start, pos) : sb.append(decode(start, pos)).toString();
        pos++;
        return s;
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(decode(start, pos));
        pos++;
        char e = peek();
        pos++;
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> sb.append(unicodeEscape());
          default -> throw error("bad escape");
        }
        start = pos;
      } else {
        pos++;
      }
    }
    throw error("unterminated string");
  }

  /** The text of bytes {@code from} (inclusive) to {@code to} (exclusive), decoded as UTF-8. */
  private String decode(int from, int to) {
    return new String(text, from, to - from, StandardCharsets.UTF_8);
  }

  /** The byte at {@code at} as a character: itself if ASCII, else a character above 0x7f. */
  private char charAt(int at) {
    return (char) (text[at] & 0xff);
  }

  /**
   * Reads past the string whose opening quote is the current character, checking its escapes as
   * {@link #readString} does, without building it.
   */
  public void skipString() {
    int end = unescapedEnd();
    if (end >= 0) {
      pos = end + 1;
      return;
    }
    pos++;
    while (true) {
      char c = next();
      if (c == '"') {
        return;
      }
      if (c == '\\') {
        char e = next();
        if (e == 'u') {
          unicodeEscape();
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw error("bad escape");
        }
      }
    }
  }

  /**
   * The closing quote of the string whose opening quote is the current character, if the string has
   * no escape; else -1. The common string is found with locals only: C1, which compiles this on
   * Lambda, keeps no field in a register across a loop.
   */
  private int unescapedEnd() {
    byte[] in = text;
    int length = in.length;
    for (int end = pos + 1; end < length; end++) {
      byte c = in[end];
      if (c == '"') {
        return end;
      }
      if (c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  /** The character of the four hex digits after a backslash-u escape, read past. */
  private char unicodeEscape() {
    if (pos + 4 > text.length) {
      throw error("bad \\u escape");
    }
    int c = 0;
    for (int i = pos; i < pos + 4; i++) {
      int digit = Character.digit(charAt(i), 16);
      if (digit < 0) {
        throw error("bad \\u escape");
      }
      c = c * 16 + digit;
    }
    pos += 4;
    return (char) c;
  }

  /**
   * Reads past the number at the current character, checking it as {@link #parse} reads it; a whole
   * number of up to 18 digits is not converted.
   */
  public void skipNumber() {
    int start = pos;
    int digits = 0;
    while (pos < text.length) {
      char c = charAt(pos);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!(c == '-' && pos == start)) {
        break;
      }
      pos++;
    }
    if (digits > 0 && digits <= 18 && !continuesNumber()) {
      return;
    }
    pos = start;
    readNumber();
  }

  /**
   * Whether the character at the current position belongs to a number as {@link #readNumber} reads
   * it.
   */
  private boolean continuesNumber() {
    if (pos >= text.length) {
      return false;
    }
    char c = charAt(pos);
    return c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  }

  private Object readNumber() {
    int start = pos;
    boolean integral = true;
    while (pos < text.length) {
      char c = charAt(pos);
      if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
        pos++;
      } else {
        break;
      }
    }
    String n = new String(text, start, pos - start, StandardCharsets.ISO_8859_1);
    try {
      if (integral) {
        try {
          return Long.parseLong(n);
        } catch (NumberFormatException tooBig) {
          return Double.parseDouble(n);
        }
      }
      return Double.parseDouble(n);
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  /**
   * Reads past {@code word} ({@code true}, {@code false}, {@code null}) at the current position.
   */
  public void expectWord(String word) {
    if (pos + word.length() > text.length) {
      throw error("expected " + word);
    }
    for (int i = 0; i < word.length(); i++) {
      if (text[pos + i] != word.charAt(i)) {
        throw error("expected " + word);
      }
    }
    pos += word.length();
  }

  /** The current character, not consumed; throws at the end. */
  public char peek() {
    if (pos >= text.length) {
      throw error("unexpected end");
    }
    return charAt(pos);
  }

  /** Reads past JSON whitespace. */
  public void skipWhitespace() {
    byte[] in = text;
    int length = in.length;
    int at = pos;
    while (at < length) {
      byte c = in[at];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      at++;
    }
    pos = at;
  }

  /** The error for malformed input at the current position. */
  public IllegalArgumentException error(String what) {
    return new IllegalArgumentException("malformed JSON at offset " + pos + ": " + what);
  }

  /**
   * Writes a value made of maps, iterables, arrays of objects, strings, numbers, booleans and null;
   * anything else is written as its {@code toString()} in quotes.
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      sb.append(value);
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      sb.append(Double.isFinite(d) ? n.toString() : "null");
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(String.valueOf(e.getKey()), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof Iterable<?> it) {
      sb.append('[');
      boolean first = true;
      for (Object o : it) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(o, sb);
      }
      sb.append(']');
    } else if (value instanceof Object[] array) {
      write(java.util.Arrays.asList(array), sb);
    } else {
      writeString(value.toString(), sb);
    }
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
