package dev.warden.agent.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.model.Action;
import dev.warden.agent.model.Alert;
import dev.warden.agent.model.Category;
import dev.warden.agent.model.Mode;
import dev.warden.agent.model.Operation;
import dev.warden.agent.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

  @Test
  void fullAlertIsWrittenWithAllKeysInContractOrder() {
    Alert alert =
        new Alert(
            "file.sensitive-read",
            Category.FILE,
            Operation.READ,
            Action.BLOCKED,
            Severity.CRITICAL,
            "/proc/self/environ",
            "/tmp/../proc/self/environ",
            "8f5b-42",
            "/queryStringParameters/file",
            "read of the process environment",
            "main",
            List.of("com.example.Handler.handle:42", "com.example.Files.read:7"),
            TestAlerts.MARCH_5_2024,
            Mode.ENFORCE);

    assertEquals(
        "{\"time\":\"2024-03-05T06:07:08.009Z\","
            + "\"warden.rule\":\"file.sensitive-read\","
            + "\"warden.category\":\"file\","
            + "\"warden.operation\":\"read\","
            + "\"warden.action\":\"blocked\","
            + "\"warden.severity\":\"critical\","
            + "\"warden.target\":\"/proc/self/environ\","
            + "\"warden.target.requested\":\"/tmp/../proc/self/environ\","
            + "\"faas.invocation_id\":\"8f5b-42\","
            + "\"warden.source\":\"/queryStringParameters/file\","
            + "\"warden.mode\":\"enforce\","
            + "\"warden.message\":\"read of the process environment\","
            + "\"thread.name\":\"main\","
            + "\"warden.stack\":[\"com.example.Handler.handle:42\",\"com.example.Files.read:7\"]}",
        AlertJson.toJson(alert));
  }

  @Test
  void nullFieldsAndEmptyStackAreLeftOut() {
    String json = AlertJson.toJson(TestAlerts.onlyRuleAndTime("dns.exfiltration", 0L));

    assertEquals(
        "{\"time\":\"1970-01-01T00:00:00.000Z\",\"warden.rule\":\"dns.exfiltration\"}", json);
  }

  @Test
  void requestedTargetAppearsOnlyWhenItDiffersFromTarget() {
    Map<String, Object> same =
        StrictJson.parseObject(AlertJson.toJson(TestAlerts.withStrings("/a", "/a", "m")));
    Map<String, Object> different =
        StrictJson.parseObject(AlertJson.toJson(TestAlerts.withStrings("/a", "/b/../a", "m")));
    Map<String, Object> missing =
        StrictJson.parseObject(AlertJson.toJson(TestAlerts.withStrings("/a", null, "m")));

    assertFalse(same.containsKey("warden.target.requested"));
    assertEquals("/b/../a", different.get("warden.target.requested"));
    assertFalse(missing.containsKey("warden.target.requested"));
  }

  @Test
  void everyAsciiCharacterQuoteAndBackslashSurvivesARoundTrip() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    String nasty = all + "\"\\\"\\\\\n\r\t\u2028\u2029\u00e9\u4e2d\uD83D\uDE00 end";

    String json = AlertJson.toJson(TestAlerts.withStrings(nasty, "x", "\"},{\"forged\":1"));
    Map<String, Object> parsed = StrictJson.parseObject(json);

    assertEquals(nasty, parsed.get("warden.target"));
    assertEquals("\"},{\"forged\":1", parsed.get("warden.message"));
    assertFalse(parsed.containsKey("forged"));
  }

  @Test
  void controlCharactersAreEscapedSoTheLineHasNoRawControlCharacter() {
    String json = AlertJson.toJson(TestAlerts.withStrings("a\u0000b\u001fc\u007fd\ne", "x", "m"));

    for (char c : json.toCharArray()) {
      assertFalse(c < 0x20 || c == 0x7f, "raw control character " + (int) c + " in " + json);
    }
    assertTrue(json.contains("a\\u0000b\\u001fc\\u007fd\\ne"), json);
  }

  @Test
  void loneSurrogatesBecomeReplacementCharactersAndValidPairsAreKept() {
    String target = "a\uD800b|\uDC00|\uDE00\uD83D|\uD83D\uDE00|end\uD83D";

    String json = AlertJson.toJson(TestAlerts.withStrings(target, "x", "m"));

    assertEquals(
        "a\uFFFDb|\uFFFD|\uFFFD\uFFFD|\uD83D\uDE00|end\uFFFD",
        StrictJson.parseObject(json).get("warden.target"));
    // Only well-formed UTF-16 survives a UTF-8 round trip unchanged.
    assertEquals(json, new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void randomStringsOverTheWholeCharRangeAlwaysGiveValidJson() {
    Random random = new Random(20240305);
    for (int round = 0; round < 2000; round++) {
      char[] chars = new char[random.nextInt(40)];
      for (int i = 0; i < chars.length; i++) {
        // Bias towards the interesting ranges: controls, quotes, surrogates.
        switch (random.nextInt(4)) {
          case 0:
            chars[i] = (char) random.nextInt(0x80);
            break;
          case 1:
            chars[i] = (char) (0xD800 + random.nextInt(0x800));
            break;
          case 2:
            chars[i] = "\"\\/\n\u2028".charAt(random.nextInt(5));
            break;
          default:
            chars[i] = (char) random.nextInt(0x10000);
        }
      }
      String text = new String(chars);

      String json = AlertJson.toJson(TestAlerts.withStrings(text, "x", text));
      Map<String, Object> parsed = StrictJson.parseObject(json);

      assertEquals(
          replaceLoneSurrogates(text), parsed.get("warden.target"), Arrays.toString(chars));
      assertEquals(parsed.get("warden.target"), parsed.get("warden.message"));
      assertFalse(json.contains("\n"));
    }
  }

  @Test
  void timeIsIsoUtcWithMillisForAnyInstant() {
    DateTimeFormatter expected =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    Random random = new Random(7);
    List<Long> instants =
        new ArrayList<>(List.of(0L, -1L, 1000L, 951_782_400_000L, 4_102_444_799_999L));
    for (int i = 0; i < 500; i++) {
      instants.add(Math.floorMod(random.nextLong(), 253_402_300_800_000L)); // up to year 9999
    }

    for (long millis : instants) {
      StringBuilder time = new StringBuilder();
      AlertJson.appendIsoTime(time, millis);
      assertEquals(expected.format(Instant.ofEpochMilli(millis)), time.toString(), "at " + millis);
    }
  }

  @Test
  void stackIsAnArrayOfStringsWithoutNullFrames() {
    List<String> frames = new ArrayList<>(Arrays.asList("a.B.c:1", null, "d\"E.f:2"));
    Alert alert =
        new Alert(
            "r", null, null, null, null, null, null, null, null, null, null, frames, 0L, null);

    Object stack = StrictJson.parseObject(AlertJson.toJson(alert)).get("warden.stack");

    assertEquals(List.of("a.B.c:1", "d\"E.f:2"), stack);
  }

  @Test
  void appendToAddsToTheCallersBuilderSoItCanBeReused() {
    StringBuilder reused = new StringBuilder("previous");
    reused.setLength(0);
    AlertJson.appendTo(reused, TestAlerts.shellAlert("sh -c id", null));
    String first = reused.toString();
    reused.setLength(0);
    AlertJson.appendTo(reused, TestAlerts.shellAlert("sh -c id", null));

    assertEquals(first, reused.toString());
    assertEquals(AlertJson.toJson(TestAlerts.shellAlert("sh -c id", null)), first);
  }

  @Test
  void veryLongValuesAreCutWithAMarkerAndStayValid() {
    String huge = "x".repeat(AlertJson.MAX_VALUE_CHARS - 1) + "\uD83D\uDE00" + "y".repeat(100_000);

    String target =
        (String)
            StrictJson.parseObject(AlertJson.toJson(TestAlerts.withStrings(huge, "x", "m")))
                .get("warden.target");

    // The cut falls inside the surrogate pair: the pair goes whole, not as half a character.
    assertEquals("x".repeat(AlertJson.MAX_VALUE_CHARS - 1) + "...[100002 more chars]", target);
  }

  @Test
  void stackIsCappedAtTheMaximumNumberOfFrames() {
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < AlertJson.MAX_STACK_FRAMES + 10; i++) {
      frames.add("f" + i);
    }
    Alert alert =
        new Alert(
            "r", null, null, null, null, null, null, null, null, null, null, frames, 0L, null);

    List<?> stack = (List<?>) StrictJson.parseObject(AlertJson.toJson(alert)).get("warden.stack");

    assertEquals(frames.subList(0, AlertJson.MAX_STACK_FRAMES), stack);
  }

  @Test
  void attributesCarryTheSameKeysAndValuesAsTheLineExceptTime() {
    Alert alert = TestAlerts.withStrings("/proc/self/environ", "/tmp/../proc/self/environ", "m");
    alert =
        new Alert(
            alert.rule(),
            alert.category(),
            alert.operation(),
            alert.action(),
            alert.severity(),
            alert.target(),
            alert.requestedTarget(),
            alert.invocationId(),
            alert.source(),
            alert.message(),
            alert.thread(),
            List.of("a.B.c:1"),
            alert.epochMillis(),
            alert.mode());
    Map<String, Object> fromLine =
        new LinkedHashMap<>(StrictJson.parseObject(AlertJson.toJson(alert)));
    fromLine.remove("time");

    Map<String, Object> attributes = AlertJson.attributes(alert);

    assertEquals(new ArrayList<>(fromLine.keySet()), new ArrayList<>(attributes.keySet()));
    assertEquals(fromLine, attributes);
    assertEquals(List.of("a.B.c:1"), attributes.get("warden.stack"));
  }

  @Test
  void attributesLeaveOutNullsAndAnUnchangedRequestedTarget() {
    Map<String, Object> attributes = AlertJson.attributes(TestAlerts.shellAlert("sh -c id", null));

    assertFalse(attributes.containsKey("faas.invocation_id"));
    assertFalse(attributes.containsKey("warden.source"));
    assertFalse(attributes.containsKey("warden.target.requested"));
    assertFalse(attributes.containsKey("time"));
    assertEquals("sh -c id", attributes.get("warden.target"));
    assertEquals("high", attributes.get("warden.severity"));
  }

  private static String replaceLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
