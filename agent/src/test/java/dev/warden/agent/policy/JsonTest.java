package dev.warden.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.policy.Json.JsonArray;
import dev.warden.agent.policy.Json.JsonBoolean;
import dev.warden.agent.policy.Json.JsonNull;
import dev.warden.agent.policy.Json.JsonNumber;
import dev.warden.agent.policy.Json.JsonObject;
import dev.warden.agent.policy.Json.JsonString;
import dev.warden.agent.policy.Json.Member;
import dev.warden.agent.policy.Json.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static Value parse(String text) throws PolicyException {
    return Json.parse("p.json", text);
  }

  private static PolicyException failure(String text) {
    return assertThrows(PolicyException.class, () -> parse(text));
  }

  private static void assertError(String text, int line, int column, String problem) {
    PolicyException e = failure(text);
    assertEquals(problem, e.problem(), "problem for " + text);
    assertEquals(line, e.line(), "line for " + text);
    assertEquals(column, e.column(), "column for " + text);
    assertEquals("p.json:" + line + ":" + column + ": " + problem, e.getMessage());
  }

  @Test
  void parsesAllValueKindsWithPositionsAndKeyOrder() throws Exception {
    JsonObject object =
        (JsonObject)
            parse("{\n  \"b\": [1, -2.5e3, true],\n  \"a\": {\"n\": null, \"f\": false}\n}");
    assertEquals(List.of("b", "a"), List.copyOf(object.members().keySet()));
    assertEquals(1, object.line());
    assertEquals(1, object.column());

    Member b = object.members().get("b");
    assertEquals(2, b.key().line());
    assertEquals(3, b.key().column());
    JsonArray array = (JsonArray) b.value();
    assertEquals(2, array.line());
    assertEquals(8, array.column());
    assertEquals("1", ((JsonNumber) array.elements().get(0)).text());
    JsonNumber negative = (JsonNumber) array.elements().get(1);
    assertEquals("-2.5e3", negative.text());
    assertEquals(12, negative.column());
    assertEquals(true, ((JsonBoolean) array.elements().get(2)).value());

    JsonObject inner = (JsonObject) object.members().get("a").value();
    assertTrue(inner.members().get("n").value() instanceof JsonNull);
    JsonBoolean f = (JsonBoolean) inner.members().get("f").value();
    assertEquals(false, f.value());
    assertEquals(3, f.line());
    assertEquals(25, f.column());
  }

  @Test
  void decodesEscapesIncludingSurrogatePairs() throws Exception {
    JsonString s =
        (JsonString) parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\ud83d\\ude00\\u00e9\"");
    assertEquals("a\"b\\c/d\b\f\n\r\tA\uD83D\uDE00\u00e9", s.value());
  }

  @Test
  void columnsCountCodePointsAndLinesCountCrLfAndCr() throws Exception {
    // The emoji before "x" is two chars but one column.
    JsonArray array = (JsonArray) parse("[\"\uD83D\uDE00\", \"x\"]");
    assertEquals(7, array.elements().get(1).column());
    JsonArray crlf = (JsonArray) parse("[\r\n1,\r2,\n3]");
    assertEquals(2, crlf.elements().get(0).line());
    assertEquals(3, crlf.elements().get(1).line());
    assertEquals(4, crlf.elements().get(2).line());
    assertEquals(1, crlf.elements().get(2).column());
  }

  @Test
  void byteOrderMarkIsIgnoredAndDoesNotCountAsAColumn() throws Exception {
    assertEquals(1, parse("\uFEFF{}").column());
  }

  @Test
  void reportsObjectSyntaxErrors() {
    assertError(
        "{\"a\": 1 \"b\": 2}",
        1,
        9,
        "expected ',' or '}' after object member, found character '\"'");
    assertError("{\"a\" 1}", 1, 6, "expected ':' after object key \"a\"");
    assertError("{a: 1}", 1, 2, "expected a key in double quotes, found character 'a'");
    assertError("{\"a\": 1,\n }", 1, 8, "trailing comma: remove the ',' before '}'");
    assertError(
        "{\"mode\": 1,\n \"mode\": 2}", 2, 2, "duplicate key \"mode\" (first at line 1, column 2)");
    assertError(
        "{\n\"a\": [1,\n",
        3,
        1,
        "unexpected end of text: the list opened at line 2, column 6 is not closed");
    assertError(
        "{\"a\": 1",
        1,
        8,
        "unexpected end of text: the object opened at line 1, column 1 is not closed");
  }

  @Test
  void reportsArraySyntaxErrors() {
    assertError("[1 2]", 1, 4, "expected ',' or ']' after list element, found character '2'");
    assertError("[1, 2,]", 1, 6, "trailing comma: remove the ',' before ']'");
    assertError("[,]", 1, 2, "unexpected character ',': expected a value");
  }

  @Test
  void reportsStringErrors() {
    assertError("[\"abc", 1, 2, "unterminated string: the closing '\"' is missing");
    assertError(
        "[\n  \"abc\n\"]", 2, 3, "unterminated string: the line ends before the closing '\"'");
    assertError("[\"a\tb\"]", 1, 4, "control character U+0009 in string; write it as \\t");
    assertError("[\"a\u0001\"]", 1, 4, "control character U+0001 in string; write it as \\u0001");
    assertError(
        "[\"a\\x\"]",
        1,
        4,
        "bad escape '\\x' in string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    assertError("[\"\\u12G4\"]", 1, 3, "bad \\u escape: expected 4 hex digits after \\u");
    assertError(
        "[\"\\ud83d\"]",
        1,
        3,
        "unpaired surrogate \\uD83D in string: a high surrogate must be followed by a low one"
            + " (\\uDC00-\\uDFFF)");
    assertError("[\"\\ude00\"]", 1, 3, "unpaired surrogate \\uDE00 in string");
    assertError("['a']", 1, 2, "strings must be in double quotes (\"), not single quotes");
  }

  @Test
  void reportsNumberAndWordErrors() {
    assertError("[01]", 1, 2, "numbers must not have leading zeros");
    assertError("[-]", 1, 3, "expected a digit after '-'");
    assertError("[1.]", 1, 4, "expected a digit after '.' in number");
    assertError("[1e+]", 1, 5, "expected a digit in the number's exponent");
    assertError(
        "[True]",
        1,
        2,
        "unknown word 'True': expected a value (strings must be in double quotes; true, false and"
            + " null are lower case)");
  }

  @Test
  void rejectsTrailingGarbageEmptyInputAndComments() {
    assertError("{} x", 1, 4, "unexpected character 'x' after the end of the JSON value");
    assertError("{}\n{}", 2, 1, "unexpected character '{' after the end of the JSON value");
    assertError(
        "  \n ", 2, 2, "the file is empty: expected a JSON object like {\"mode\": \"monitor\"}");
    assertError("{\"a\": // note\n 1}", 1, 7, "comments are not allowed in JSON");
  }

  @Test
  void limitsNesting() {
    String deep = "[".repeat(Json.MAX_DEPTH + 1);
    assertError(deep, 1, Json.MAX_DEPTH + 1, "nesting deeper than " + Json.MAX_DEPTH + " levels");
  }
}
