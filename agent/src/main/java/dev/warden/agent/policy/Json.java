package dev.warden.agent.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser that remembers the 1-based line and column of every value and key, so
 * that policy errors can point at the exact spot. Hand-written because the agent must not carry a
 * JSON library (cold start, class clashes with the function's own Jackson).
 *
 * <p>Columns count Unicode code points, so a character outside the BMP is one column, as editors
 * show it. A UTF-8 byte order mark at the start is ignored. Nesting is limited to {@value
 * #MAX_DEPTH} levels so that hostile input cannot overflow the stack.
 */
final class Json {
  static final int MAX_DEPTH = 100;

  private Json() {}

  /** A parsed value with the position of its first character. */
  sealed interface Value
      permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
    int line();

    int column();

    /** The kind of value as error messages name it: "an object", "a string", ... */
    String kind();
  }

  /** One object member; the key carries its own position. */
  record Member(JsonString key, Value value) {}

  /** Members in document order. */
  record JsonObject(Map<String, Member> members, int line, int column) implements Value {
    @Override
    public String kind() {
      return "an object";
    }
  }

  record JsonArray(List<Value> elements, int line, int column) implements Value {
    @Override
    public String kind() {
      return "a list";
    }
  }

  record JsonString(String value, int line, int column) implements Value {
    @Override
    public String kind() {
      return "a string";
    }
  }

  /** The number as written: the policy has no numbers, so it is never converted. */
  record JsonNumber(String text, int line, int column) implements Value {
    @Override
    public String kind() {
      return "a number";
    }
  }

  record JsonBoolean(boolean value, int line, int column) implements Value {
    @Override
    public String kind() {
      return value ? "true" : "false";
    }
  }

  record JsonNull(int line, int column) implements Value {
    @Override
    public String kind() {
      return "null";
    }
  }

  /** Parses one JSON document; anything but whitespace after the top value is an error. */
  static Value parse(String fileName, String text) throws PolicyException {
    return new Parser(fileName, text).document();
  }

  private static final class Parser {
    private final String fileName;
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    // Surrogate pairs seen on the current line before pos: each is two chars but one column.
    private int pairsOnLine;
    private int depth;

    Parser(String fileName, String text) {
      this.fileName = fileName;
      this.text = text;
      if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
        pos = 1;
        lineStart = 1;
      }
    }

    Value document() throws PolicyException {
      skipWhitespace();
      if (pos >= text.length()) {
        throw error(pos, "the file is empty: expected a JSON object like {\"mode\": \"monitor\"}");
      }
      Value top = value();
      skipWhitespace();
      if (pos < text.length()) {
        throw error(pos, "unexpected " + describe(pos) + " after the end of the JSON value");
      }
      return top;
    }

    private Value value() throws PolicyException {
      if (pos >= text.length()) {
        throw error(pos, "unexpected end of text: expected a value");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
        case 'f':
        case 'n':
          return word();
        case '\'':
          throw error(pos, "strings must be in double quotes (\"), not single quotes");
        case '/':
          throw error(pos, "comments are not allowed in JSON");
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          if (Character.isLetter(c)) {
            return word();
          }
          throw error(pos, "unexpected " + describe(pos) + ": expected a value");
      }
    }

    private JsonObject object() throws PolicyException {
      int openLine = line;
      int openColumn = column(pos);
      enterNesting();
      pos++;
      Map<String, Member> members = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        depth--;
        return new JsonObject(Collections.unmodifiableMap(members), openLine, openColumn);
      }
      while (true) {
        if (pos >= text.length()) {
          throw unclosed("object", openLine, openColumn);
        }
        if (peek() != '"') {
          throw error(pos, "expected a key in double quotes, found " + describe(pos));
        }
        JsonString key = string();
        skipWhitespace();
        if (peek() != ':') {
          if (pos >= text.length()) {
            throw unclosed("object", openLine, openColumn);
          }
          throw error(pos, "expected ':' after object key \"" + key.value() + "\"");
        }
        pos++;
        skipWhitespace();
        Value value = value();
        Member previous = members.get(key.value());
        if (previous != null) {
          throw new PolicyException(
              fileName,
              key.line(),
              key.column(),
              "duplicate key \""
                  + key.value()
                  + "\" (first at line "
                  + previous.key().line()
                  + ", column "
                  + previous.key().column()
                  + ")");
        }
        members.put(key.value(), new Member(key, value));
        skipWhitespace();
        char next = peek();
        if (next == '}') {
          pos++;
          depth--;
          return new JsonObject(Collections.unmodifiableMap(members), openLine, openColumn);
        }
        if (next != ',') {
          if (pos >= text.length()) {
            throw unclosed("object", openLine, openColumn);
          }
          throw error(pos, "expected ',' or '}' after object member, found " + describe(pos));
        }
        // Taken before skipping whitespace, which may move to later lines.
        int commaLine = line;
        int commaColumn = column(pos);
        pos++;
        skipWhitespace();
        if (peek() == '}') {
          throw new PolicyException(
              fileName, commaLine, commaColumn, "trailing comma: remove the ',' before '}'");
        }
      }
    }

    private JsonArray array() throws PolicyException {
      int openLine = line;
      int openColumn = column(pos);
      enterNesting();
      pos++;
      List<Value> elements = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        depth--;
        return new JsonArray(Collections.unmodifiableList(elements), openLine, openColumn);
      }
      while (true) {
        if (pos >= text.length()) {
          throw unclosed("list", openLine, openColumn);
        }
        elements.add(value());
        skipWhitespace();
        char next = peek();
        if (next == ']') {
          pos++;
          depth--;
          return new JsonArray(Collections.unmodifiableList(elements), openLine, openColumn);
        }
        if (next != ',') {
          if (pos >= text.length()) {
            throw unclosed("list", openLine, openColumn);
          }
          throw error(pos, "expected ',' or ']' after list element, found " + describe(pos));
        }
        // Taken before skipping whitespace, which may move to later lines.
        int commaLine = line;
        int commaColumn = column(pos);
        pos++;
        skipWhitespace();
        if (peek() == ']') {
          throw new PolicyException(
              fileName, commaLine, commaColumn, "trailing comma: remove the ',' before ']'");
        }
      }
    }

    private JsonString string() throws PolicyException {
      int openLine = line;
      int openColumn = column(pos);
      pos++;
      StringBuilder decoded = null;
      int runStart = pos;
      while (true) {
        if (pos >= text.length()) {
          throw new PolicyException(
              fileName, openLine, openColumn, "unterminated string: the closing '\"' is missing");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String value;
          if (decoded == null) {
            value = text.substring(runStart, pos);
          } else {
            value = decoded.append(text, runStart, pos).toString();
          }
          pos++;
          return new JsonString(value, openLine, openColumn);
        }
        if (c == '\n' || c == '\r') {
          throw new PolicyException(
              fileName,
              openLine,
              openColumn,
              "unterminated string: the line ends before the closing '\"'");
        }
        if (c < 0x20) {
          throw error(
              pos,
              "control character " + codePointName(c) + " in string; write it as " + escapeFor(c));
        }
        if (c == '\\') {
          if (decoded == null) {
            decoded = new StringBuilder();
          }
          decoded.append(text, runStart, pos);
          escape(decoded);
          runStart = pos;
          continue;
        }
        if (Character.isHighSurrogate(c)
            && pos + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(pos + 1))) {
          pairsOnLine++;
          pos += 2;
          continue;
        }
        pos++;
      }
    }

    /** Decodes the escape at pos (a backslash) into out and moves past it. */
    private void escape(StringBuilder out) throws PolicyException {
      int backslash = pos;
      if (pos + 1 >= text.length()) {
        throw error(backslash, "unterminated escape at the end of the text");
      }
      char c = text.charAt(pos + 1);
      pos += 2;
      switch (c) {
        case '"':
          out.append('"');
          return;
        case '\\':
          out.append('\\');
          return;
        case '/':
          out.append('/');
          return;
        case 'b':
          out.append('\b');
          return;
        case 'f':
          out.append('\f');
          return;
        case 'n':
          out.append('\n');
          return;
        case 'r':
          out.append('\r');
          return;
        case 't':
          out.append('\t');
          return;
        case 'u':
          break;
        default:
          pos = backslash;
          throw error(
              backslash,
              "bad escape '\\"
                  + (c < 0x20 || c == 0x7f ? codePointName(c) : String.valueOf(c))
                  + "' in string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
      }
      char unit = hex4(backslash);
      if (Character.isLowSurrogate(unit)) {
        throw error(backslash, "unpaired surrogate " + uEscape(unit) + " in string");
      }
      if (Character.isHighSurrogate(unit)) {
        int lowStart = pos;
        if (pos + 1 < text.length() && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
          pos += 2;
          char low = hex4(lowStart);
          if (Character.isLowSurrogate(low)) {
            out.append(unit).append(low);
            return;
          }
        }
        throw error(
            backslash,
            "unpaired surrogate "
                + uEscape(unit)
                + " in string: a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)");
      }
      out.append(unit);
    }

    /** Reads the 4 hex digits after a backslash-u whose backslash is at escapeStart. */
    private char hex4(int escapeStart) throws PolicyException {
      int value = 0;
      for (int i = 0; i < 4; i++) {
        int digit = pos < text.length() ? hexDigit(text.charAt(pos)) : -1;
        if (digit < 0) {
          throw error(escapeStart, "bad \\u escape: expected 4 hex digits after \\u");
        }
        value = value * 16 + digit;
        pos++;
      }
      return (char) value;
    }

    private JsonNumber number() throws PolicyException {
      int start = pos;
      int startColumn = column(pos);
      if (peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error(pos, "expected a digit after '-'");
      }
      if (peek() == '0') {
        pos++;
        if (isDigit(peek())) {
          throw error(start, "numbers must not have leading zeros");
        }
      } else {
        skipDigits();
      }
      if (peek() == '.') {
        pos++;
        if (!isDigit(peek())) {
          throw error(pos, "expected a digit after '.' in number");
        }
        skipDigits();
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!isDigit(peek())) {
          throw error(pos, "expected a digit in the number's exponent");
        }
        skipDigits();
      }
      return new JsonNumber(text.substring(start, pos), line, startColumn);
    }

    /** true, false, null; any other bare word is an error that quotes the word. */
    private Value word() throws PolicyException {
      int start = pos;
      int startColumn = column(pos);
      while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos);
      switch (word) {
        case "true":
          return new JsonBoolean(true, line, startColumn);
        case "false":
          return new JsonBoolean(false, line, startColumn);
        case "null":
          return new JsonNull(line, startColumn);
        default:
          throw error(
              start,
              "unknown word '"
                  + word
                  + "': expected a value (strings must be in double quotes; true, false and null"
                  + " are lower case)");
      }
    }

    private void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t') {
          pos++;
        } else if (c == '\n' || (c == '\r' && peekAt(pos + 1) != '\n')) {
          pos++;
          line++;
          lineStart = pos;
          pairsOnLine = 0;
        } else if (c == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }

    private void skipDigits() {
      while (isDigit(peek())) {
        pos++;
      }
    }

    private void enterNesting() throws PolicyException {
      if (++depth > MAX_DEPTH) {
        throw error(pos, "nesting deeper than " + MAX_DEPTH + " levels");
      }
    }

    /** The char at pos, or NUL at the end (NUL is never valid outside strings). */
    private char peek() {
      return peekAt(pos);
    }

    private char peekAt(int p) {
      return p < text.length() ? text.charAt(p) : '\0';
    }

    /** ASCII only: Character.digit would also accept other scripts' digits. */
    private static int hexDigit(char c) {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
      }
      if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
      }
      return -1;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    /** Column of position p on the current line. */
    private int column(int p) {
      return p - lineStart - pairsOnLine + 1;
    }

    private PolicyException error(int p, String problem) {
      return new PolicyException(fileName, line, column(p), problem);
    }

    private PolicyException unclosed(String what, int openLine, int openColumn) {
      return error(
          pos,
          "unexpected end of text: the "
              + what
              + " opened at line "
              + openLine
              + ", column "
              + openColumn
              + " is not closed");
    }

    /** Names the character at p for an error message. */
    private String describe(int p) {
      if (p >= text.length()) {
        return "end of text";
      }
      int cp = text.codePointAt(p);
      if (cp < 0x20 || cp == 0x7f || Character.isWhitespace(cp) || Character.isISOControl(cp)) {
        return "character " + codePointName(cp);
      }
      return "character '" + new String(Character.toChars(cp)) + "'";
    }

    private static String codePointName(int cp) {
      return String.format("U+%04X", cp);
    }

    private static String uEscape(char c) {
      return String.format("\\u%04X", (int) c);
    }

    private static String escapeFor(char c) {
      switch (c) {
        case '\t':
          return "\\t";
        case '\b':
          return "\\b";
        case '\f':
          return "\\f";
        default:
          return uEscape(c);
      }
    }
  }
}
