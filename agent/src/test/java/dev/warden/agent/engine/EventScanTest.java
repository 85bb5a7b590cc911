package dev.warden.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.handler.event.MiniJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link EventValues#ofJson} reads a raw event's text in one pass; it must keep exactly what {@link
 * EventValues#of} keeps from the same event parsed, with the same pointers.
 */
class EventScanTest {
  private static List<String> scanned(String json) {
    return EventValues.ofJson(json.getBytes(StandardCharsets.UTF_8)).describe();
  }

  private static List<String> parsedThenWalked(String json) {
    return EventValues.of(MiniJson.parseOrNull(json.getBytes(StandardCharsets.UTF_8))).describe();
  }

  private static void assertSameAsParsed(String json) {
    assertEquals(parsedThenWalked(json), scanned(json), json);
  }

  @Test
  void everySampleEventGivesWhatItsParsedFormGives() throws IOException {
    List<Path> events;
    try (Stream<Path> files =
        Files.walk(Path.of("../sample-functions/src/main/resources/events"))) {
      events = files.filter(p -> p.toString().endsWith(".json")).toList();
    }
    assertTrue(events.size() >= 10, "the sample events: " + events);
    int withValues = 0;
    for (Path event : events) {
      String json = Files.readString(event);
      assertSameAsParsed(json);
      if (!scanned(json).isEmpty()) {
        withValues++;
      }
    }
    assertTrue(withValues >= 5, "most sample events have values that could steer a sink");
  }

  @Test
  void escapesNestingAndPointersAreReadAsTheParserReadsThem() {
    assertSameAsParsed(
        "{\"q\":{\"url\":\"http:\\/\\/10.0.0.1\\/\",\"a/b~c\":[\"plain\",\"x; rm -rf \\/\"]},"
            + "\"k\\u00e9y\":\"..\\/..\\/etc\\/passwd\",\"n\":[1,-2.5e3,true,false,null,{}],"
            + "\"t\":\"tab\\there\",\"\\\"quoted\\\"\":\"api.example.com\"}");
    assertSameAsParsed("\"/a/root/string\"");
    assertSameAsParsed("[\"-rf\",[[\"169.254.169.254\"]]]");
    assertSameAsParsed("[\"/x\",007,-0,12345678901234567890,1.5e3,-9223372036854775809]");
    assertEquals(List.of("path /x @/0"), scanned("[\"/x\",007,-0,12345678901234567890]"));
    assertEquals(
        List.of("host http://10.0.0.1/ @/q/url"),
        scanned("{\"q\":{\"url\":\"http://10.0.0.1/\"}}"));
    assertEquals(
        List.of("shell x; y @/k\u00e9y~1~0/0"),
        scanned("{\"k\\u00e9y/~\":[\"x; y\"]}"),
        "an escaped key is read, and escaped for the pointer, only for a value kept");
  }

  @Test
  void depthAndCountBoundsAreTheWalksBounds() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      deep.append("{\"d\":[\"/etc/depth").append(i).append("\",");
    }
    deep.append("1");
    for (int i = 0; i < 40; i++) {
      deep.append("]}");
    }
    assertSameAsParsed(deep.toString());
    assertFalse(scanned(deep.toString()).isEmpty());

    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 300; i++) {
      many.append(i == 0 ? "" : ",").append("\"/v").append(i).append('"');
    }
    assertSameAsParsed(many.append("]").toString());
    assertEquals(EventValues.MAX_VALUES, scanned(many.toString()).size());
  }

  @Test
  void textThatIsNotOneJsonDocumentHasNoValues() {
    List<String> notJson = new ArrayList<>();
    notJson.add("{\"a\":\"/etc/passwd\"");
    notJson.add("{\"a\":\"/etc/passwd\"} trailing");
    notJson.add("{\"a\" \"/etc/passwd\"}");
    notJson.add("{\"a\":\"/etc/\\x\"}");
    notJson.add("{\"a\":\"/etc/passwd\",}");
    notJson.add("[\"/etc/passwd\" \"/x\"]");
    notJson.add("{\"a\":tru}");
    notJson.add("{\"a\":\"\\u12\"}");
    notJson.add("not json at all");
    notJson.add("[\"/x\",1-2]");
    notJson.add("[\"/x\",-]");
    notJson.add("[\"/x\",1e]");
    for (String text : notJson) {
      assertSame(EventValues.NONE, EventValues.ofJson(text.getBytes(StandardCharsets.UTF_8)), text);
      assertEquals(List.of(), parsedThenWalked(text), "MiniJson rejects it too: " + text);
    }
  }

  /** What {@link EventValues#shapes} decides, check by check, as it did before its one pass. */
  private static int shapesCheckByCheck(String text) {
    int shapes = 0;
    if (EventValues.hasShellSyntax(text) || text.startsWith("-")) {
      shapes |= 1;
    }
    if (text.startsWith("/") || text.startsWith("~") || EventValues.hasDotDotSegment(text)) {
      shapes |= 2;
    }
    if (EventValues.looksLikeHostOrUrl(text)) {
      shapes |= 4;
    }
    return shapes;
  }

  @Test
  void theOnePassShapeTestDecidesAsTheChecksDo() {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "https://evil.example/x",
                "169.254.169.254",
                "1.2.3.4.",
                "internal-host:8080",
                "a.b.c",
                "report.pdf",
                "Mozilla/5.0 (X11)",
                "../etc/passwd",
                "a..b",
                "x/../y",
                "..",
                "-rf",
                "~/.ssh",
                "[::1]:443",
                "host: with space",
                "h\u00e9.example.com",
                "gzip, deflate"));
    String alphabet = ".:/ -~\\;ab1\u00e9[]x";
    java.util.Random random = new java.util.Random(20261130);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int j = 0; j < length; j++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(text.toString());
    }
    for (String text : texts) {
      assertEquals(shapesCheckByCheck(text), EventValues.shapes(text), text);
    }
  }

  private static String answer(EventValues.Value value) {
    return value == null ? "none" : value.text() + " @" + value.pointer();
  }

  /** What a sink might be asked about an event: its values, pieces and prefixes, and others. */
  private static List<String> targetsFor(String json) {
    List<String> targets =
        new ArrayList<>(
            List.of(
                "127.0.0.1",
                "localhost",
                "api.example.com",
                "/var/task/config.json",
                "/tmp/out.txt",
                "/etc/passwd",
                "~/.aws/credentials",
                "relative/file",
                "/",
                "x"));
    for (String line : EventValues.ofJson(json.getBytes(StandardCharsets.UTF_8)).describe()) {
      String text = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(" @"));
      targets.add(text);
      targets.add(text + "/more");
      targets.add("/var/task/" + text);
      for (String piece : text.split("[/:@?# ]")) {
        if (!piece.isEmpty()) {
          targets.add(piece);
        }
      }
      for (int slash = text.indexOf('/', 1); slash > 0; slash = text.indexOf('/', slash + 1)) {
        targets.add(text.substring(0, slash));
        targets.add(text.substring(0, slash) + "x");
      }
    }
    return targets;
  }

  private static List<String> randomEvents(int count) {
    String[] pieces = {
      "/",
      ".",
      "..",
      ":",
      "~",
      "a",
      "b1",
      "host",
      ".com",
      "127.0.0.1",
      "\\/",
      "\\u002f",
      "\\u002e",
      "\\\"",
      " ",
      ";",
      "-",
      "\u00e9"
    };
    java.util.Random random = new java.util.Random(20261201);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder event = new StringBuilder("{");
      int members = 1 + random.nextInt(4);
      for (int m = 0; m < members; m++) {
        StringBuilder value = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int j = 0; j < length; j++) {
          value.append(pieces[random.nextInt(pieces.length)]);
        }
        event.append(m == 0 ? "" : ",").append("\"k").append(m).append("\":");
        event.append(random.nextBoolean() ? "\"" + value + "\"" : "[\"" + value + "\"]");
      }
      events.add(event.append('}').toString());
    }
    return events;
  }

  @Test
  void aDeferredScanAnswersEverySinkAsTheScanDoes() throws IOException {
    List<String> events = new ArrayList<>(randomEvents(400));
    try (Stream<Path> files =
        Files.walk(Path.of("../sample-functions/src/main/resources/events"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        events.add(Files.readString(file));
      }
    }
    int matches = 0;
    int answeredUnscanned = 0;
    for (String json : events) {
      byte[] raw = json.getBytes(StandardCharsets.UTF_8);
      EventValues scanned = EventValues.ofJson(raw);
      for (String target : targetsFor(json)) {
        EventValues deferred = EventValues.deferred(raw);
        String expected = answer(scanned.pathInjection(target));
        assertEquals(expected, answer(deferred.pathInjection(target)), json + " path " + target);
        matches += expected.equals("none") ? 0 : 1;
        answeredUnscanned += deferred.scanned() ? 0 : 1;

        deferred = EventValues.deferred(raw);
        expected = answer(scanned.hostInjection(target, null));
        assertEquals(expected, answer(deferred.hostInjection(target, null)), json + " " + target);
        matches += expected.equals("none") ? 0 : 1;
        answeredUnscanned += deferred.scanned() ? 0 : 1;

        deferred = EventValues.deferred(raw);
        expected = answer(scanned.hostInjection(null, target));
        assertEquals(expected, answer(deferred.hostInjection(null, target)), json + " " + target);
      }
    }
    assertTrue(matches > 1_000, "the targets reach values: " + matches);
    assertTrue(answeredUnscanned > 1_000, "most misses need no scan: " + answeredUnscanned);
  }

  @Test
  void anApiGatewayEventIsNotScannedForTheFunctionsOwnConnectionsAndFiles() throws IOException {
    byte[] raw = quoteApiEvent();
    EventValues event = EventValues.deferred(raw);
    assertEquals("none", answer(event.hostInjection(null, "127.0.0.1")));
    assertEquals("none", answer(event.hostInjection("localhost", "127.0.0.1")));
    assertEquals("none", answer(event.pathInjection("/var/task/lib/quotes.json")));
    assertEquals("none", answer(event.pathInjection("/tmp/cache")));
    assertEquals("none", answer(event.pathInjection("~quotes/x")), "not the text's \"/quotes");
    assertFalse(event.scanned(), "no sink needed the event's values");

    assertEquals(
        "198.51.100.7 @/headers/X-Forwarded-For",
        answer(event.hostInjection(null, "198.51.100.7")));
    assertTrue(event.scanned());
    event = EventValues.deferred(raw);
    assertEquals("/quotes @/resource", answer(event.pathInjection("/quotes/cache")));
  }

  @Test
  void aSinkThatKeepsCheckingHasTheEventScannedOnceInsteadOfReadingItEachTime() throws IOException {
    byte[] raw = quoteApiEvent();
    EventValues event = EventValues.deferred(raw);
    for (int i = 0; i < EventValues.PRE_CHECKS_BEFORE_SCAN; i++) {
      assertEquals("none", answer(event.hostInjection(null, "127.0.0." + i)));
    }
    assertFalse(event.scanned());
    assertEquals("none", answer(event.pathInjection("/var/task/data.json")));
    assertTrue(event.scanned(), "past the pre-checks' bound, the values are read once");
    assertEquals(
        "/quotes @/resource", answer(event.pathInjection("/quotes/cache")), "and answer as before");

    byte[] tooLarge = new byte[EventValues.MAX_SCANNED_EVENT + 1];
    java.util.Arrays.fill(tooLarge, (byte) ' ');
    byte[] head = "[\"/etc\"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, tooLarge, 0, head.length);
    tooLarge[tooLarge.length - 1] = ']';
    assertEquals(
        "/etc @/0",
        answer(EventValues.ofJson(tooLarge).pathInjection("/etc/passwd")),
        "a value, read if the event were not too large");
    assertSame(EventValues.NONE, EventValues.deferred(tooLarge));
  }

  /** The API Gateway event of the benign sample that calls a partner API on 127.0.0.1. */
  private static byte[] quoteApiEvent() throws IOException {
    return Files.readAllBytes(
        Path.of("../sample-functions/src/main/resources/events/quote-api/normal.json"));
  }
}
