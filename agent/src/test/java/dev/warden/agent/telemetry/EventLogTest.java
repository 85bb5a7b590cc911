package dev.warden.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventLogTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eventsComeBackAsAppendedAndTheArrayIsReusedAfterAClear() {
    EventLog log = new EventLog(1 << 20);
    int first = log.append(bytes("{\"a\":1}"));
    int second = log.append(bytes("{\"b\":\"\u00e9\"}"));
    assertArrayEquals(bytes("{\"a\":1}"), log.copy(first, 7));
    assertArrayEquals(
        bytes("{\"b\":\"\u00e9\"}"), log.copy(second, bytes("{\"b\":\"\u00e9\"}").length));
    int capacity = log.capacity();
    log.clear();
    assertEquals(0, log.append(bytes("{}")), "appends start over after a clear");
    assertEquals(capacity, log.capacity(), "and reuse the array");
  }

  @Test
  void itGrowsToItsBoundAndRefusesWhatWouldNotFit() {
    EventLog log = new EventLog(200 * 1024);
    byte[] event = new byte[70 * 1024];
    assertEquals(0, log.append(event));
    assertEquals(70 * 1024, log.append(event));
    assertEquals(-1, log.append(event), "210 KiB would pass the bound");
    assertEquals(175 * 1024, log.capacity(), "grown as needed, within the bound");
    assertEquals(-1, new EventLog(1024).append(new byte[1025]));
  }
}
