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
    // ASCII is compared without Unicode's tables, the rest with them: the same answers
    assertTrue(EventView.normalisesTo("X-Amz_Date 09", "xamzdate09"));
    assertTrue(EventView.normalisesTo("Clé-ÜNÏ_9", "cléünï9"));
    assertFalse(EventView.normalisesTo("Clé-ÜNÏ_9", "cleuni9"));
    assertTrue(
        EventView.normalisesTo("a@[`{z", "az"),
        "the characters around A-Z and a-z are not letters");
  }
}
