package dev.warden.handler.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MiniJson reads UTF-8 bytes: what it gives must be what the text those bytes decode to says. */
class MiniJsonTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryKindOfValue() {
    Object v =
        MiniJson.parse(
            utf8(" {\"a\":[1,-2,2.5e3,9223372036854775808,true,false,null],\"b\":{}}\n"));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", Arrays.asList(1L, -2L, 2500.0, 9.223372036854775808e18, true, false, null));
    expected.put("b", Map.of());
    assertEquals(expected, v);
  }

  @Test
  void stringsAreDecodedAsUtf8WithAndWithoutEscapes() {
    String text = "é 日本 😀 plain";
    Map<?, ?> plain = (Map<?, ?>) MiniJson.parse(utf8("{\"clé\":\"" + text + "\"}"));
    assertEquals(Map.of("clé", text), plain);
    // an escape takes the slow path, which decodes the runs between escapes
    Map<?, ?> escaped =
        (Map<?, ?>) MiniJson.parse(utf8("{\"k\":\"é\\n日\\\"\\u00e9\\ud83d\\ude00\\/\\\\\\t€\"}"));
    assertEquals("é\n日\"é😀/\\\t€", escaped.get("k"));
  }

  @Test
  void malformedUtf8InAStringReadsAsTheJdkDecodesIt() {
    byte[] event = {'{', '"', 'k', '"', ':', '"', 'a', (byte) 0xc3, '"', '}'};
    Map<?, ?> v = (Map<?, ?>) MiniJson.parseOrNull(event);
    assertEquals(new String(new byte[] {'a', (byte) 0xc3}, StandardCharsets.UTF_8), v.get("k"));
    assertEquals("a\ufffd", v.get("k"));
  }

  @Test
  void malformedJsonIsAnErrorAtItsByteOffset() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(utf8("{\"é\":1,}")));
    assertEquals("malformed JSON at offset 8: expected a member name", e.getMessage());
    assertNull(MiniJson.parseOrNull(utf8("{\"a\":1} x")));
    assertNull(MiniJson.parseOrNull(new byte[] {'[', (byte) 0xe9, ']'}));
    assertNull(MiniJson.parseOrNull(utf8("{\"a\":\"\\u12\"}")));
    assertNull(MiniJson.parseOrNull(utf8("{\"a\":tru}")));
    assertNull(MiniJson.parseOrNull(utf8("{\"a\":trux}")), "four characters, not the word");
    assertNull(MiniJson.parseOrNull(utf8("\"open")));
    assertNull(MiniJson.parseOrNull(new byte[0]));
  }

  @Test
  void theReaderWalksByByteOffsets() {
    byte[] doc = utf8("{\"日本\":\"x\",\"k\":\"v\"}");
    MiniJson reader = MiniJson.reader(doc);
    reader.next();
    assertEquals("日本", reader.readString());
    assertEquals(1 + 2 + 6, reader.position(), "two quotes and two 3-byte characters");
    int secondKey = doc.length - "\"k\":\"v\"}".length();
    assertEquals("k", MiniJson.reader(doc).at(secondKey).readString());
  }

  /** Random documents with non-ASCII text and escapes read as they were written. */
  @Test
  void randomDocumentsReadBackAsWritten() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      Object value = randomValue(random, 0);
      String written = MiniJson.write(value);
      assertEquals(value, MiniJson.parse(utf8(written)), written);
      assertEquals(value, MiniJson.parse(written), written);
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 4 : 6);
    switch (kind) {
      case 0:
        return randomString(random);
      case 1:
        return (long) random.nextInt(2_000_001) - 1_000_000;
      case 2:
        return random.nextBoolean();
      case 3:
        return null;
      case 4:
        Map<String, Object> map = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          map.put(randomString(random), randomValue(random, depth + 1));
        }
        return map;
      default:
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          list.add(randomValue(random, depth + 1));
        }
        return list;
    }
  }

  private static final String[] PIECES = {
    "a", "Z", "0", " ", "é", "ß", "日", "€", "😀", "\"", "\\", "/", "\n", "\t", "\u0001", "~", "{"
  };

  private static String randomString(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int n = random.nextInt(8); n > 0; n--) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  @Test
  void writeEscapesWhatJsonRequires() {
    String written = MiniJson.write(Map.of("k", "\"\\\n\r\t\u0001é"));
    assertEquals("{\"k\":\"\\\"\\\\\\n\\r\\t\\u0001é\"}", written);
    assertTrue(MiniJson.parse(written) instanceof Map<?, ?>);
  }
}
