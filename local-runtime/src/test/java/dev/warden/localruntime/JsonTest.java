package dev.warden.localruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void quoteEscapesWhatJsonRequires() {
    assertEquals("\"a\\\"b\\\\c\\nd\\u0001\\u2028é\"", Json.quote("a\"b\\c\nd\u0001\u2028é"));
  }

  @Test
  void quotedTextParsesBackToItself() {
    String text = "tab\t quote\" slash\\ nl\n ctl\u0002 \u2029 ünïcode";
    assertEquals(text, Json.parse(Json.quote(text)));
  }

  @Test
  void parsesTheErrorDocumentOfTheRuntimeClient() {
    Object doc =
        Json.parse(
            "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.X\","
                + " \"stackTrace\":[\"a.B.c(B.java:1)\"], \"n\": -1.5e2, \"i\": 7, \"t\": true,"
                + " \"z\": null, \"o\": {}}");
    assertEquals(
        Map.of(
            "errorMessage",
            "boom",
            "errorType",
            "java.lang.X",
            "stackTrace",
            List.of("a.B.c(B.java:1)"),
            "n",
            -150.0,
            "i",
            7L,
            "t",
            true,
            "o",
            Map.of()),
        withoutNulls((Map<?, ?>) doc));
    assertTrue(((Map<?, ?>) doc).containsKey("z"));
  }

  @Test
  void aBrokenDocumentNamesTheOffset() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
    assertEquals("JSON at offset 5: expected ':'", e.getMessage());
  }

  @Test
  void aNonJsonErrorBodyIsKeptWhole() {
    FunctionError error = FunctionError.fromPosted("not json", "Runtime.Unknown");
    assertEquals("Runtime.Unknown", error.type());
    assertEquals("not json", error.message());
    assertEquals("not json", error.json());
  }

  private static Map<?, ?> withoutNulls(Map<?, ?> map) {
    Map<Object, Object> copy = new java.util.HashMap<>(map);
    copy.values().removeIf(v -> v == null);
    return copy;
  }
}
