package dev.warden.handler.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventViewTest {
  @Test
  void aKeyIsFoundExactlyThenIgnoringCaseAndPunctuation() {
    Map<String, Object> event = Map.of("eventSourceARN", "arn", "detail-type", "Scheduled Event");
    assertEquals("arn", EventView.get(event, "eventSourceARN"));
    assertEquals("arn", EventView.get(event, "EventSourceArn"));
    assertEquals("Scheduled Event", EventView.get(event, "detailType"));
    assertNull(EventView.get(event, "eventSource"), "a prefix is not a match");
    assertNull(EventView.get(event, "eventSourceARNs"), "nor is a longer key");
  }

  @Test
  void normalisingComparesLettersAndDigitsOnlyIgnoringCase() {
    assertTrue(EventView.normalisesTo("detail-type", "detailtype"));
    assertTrue(EventView.normalisesTo("Event_Source_ARN", "eventsourcearn"));
    assertTrue(EventView.normalisesTo("--", ""));
    assertFalse(EventView.normalisesTo("detail-typ", "detailtype"));
    assertFalse(EventView.normalisesTo("detail-types", "detailtype"));
    assertFalse(EventView.normalisesTo("", "a"));
  }
}
