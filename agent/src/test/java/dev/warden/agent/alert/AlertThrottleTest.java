package dev.warden.agent.alert;

import static dev.warden.agent.alert.AlertThrottle.Decision.COUNT;
import static dev.warden.agent.alert.AlertThrottle.Decision.LOG;
import static dev.warden.agent.alert.AlertThrottle.Decision.SUPPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AlertThrottleTest {
  /** 1970-01-01T00:01:40.000Z */
  private static final long START = 100_000L;

  private final AtomicLong now = new AtomicLong(START);

  private AlertThrottle throttle(int maxLoggedPerRateWindow, int maxKeys) {
    return new AlertThrottle(now::get, 60_000L, maxLoggedPerRateWindow, 10_000L, maxKeys);
  }

  @Test
  void firstOccurrenceInEachInvocationIsLoggedAndLaterOnesCounted() {
    AlertThrottle throttle = throttle(200, 4096);

    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1")));
    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1")));
    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1")));
    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("sh -c whoami", "inv-1")));
    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-2")));
    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-2")));
  }

  @Test
  void repeatsOfAFinishedInvocationAreSummarisedWithItsId() {
    AlertThrottle throttle = throttle(200, 4096);
    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1"));
    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1"));
    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1"));
    now.set(START + 5);

    throttle.invocationEnded("inv-1");
    List<String> summaries = throttle.drainSummaries();

    assertEquals(
        List.of(
            "{\"time\":\"1970-01-01T00:01:40.005Z\",\"warden.summary\":\"repeats\","
                + "\"warden.rule\":\"process.shell\",\"warden.category\":\"process\",\"warden.operation\":\"exec\",\"warden.action\":\"alerted\",\"warden.severity\":\"high\",\"warden.target\":\"sh -c id\","
                + "\"warden.repeats\":2,\"faas.invocation_id\":\"inv-1\"}"),
        summaries);
    assertEquals(List.of(), throttle.drainSummaries());
  }

  @Test
  void invocationEndedForgetsItsKeysSoTheSameIdLogsAgain() {
    AlertThrottle throttle = throttle(200, 4096);
    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1"));

    throttle.invocationEnded("inv-1");

    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1")));
  }

  @Test
  void aNewInvocationMakesThePreviousOnesRepeatsDueWithoutAnExplicitEnd() {
    AlertThrottle throttle = throttle(200, 4096);
    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1"));
    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1"));
    assertFalse(throttle.summariesDue());

    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-2"));

    assertTrue(throttle.summariesDue());
    List<String> summaries = throttle.drainSummaries();
    assertEquals(1, summaries.size());
    assertTrue(summaries.get(0).contains("\"warden.repeats\":1,\"faas.invocation_id\":\"inv-1\""));
    assertFalse(throttle.summariesDue());
  }

  @Test
  void drainingInsideAnInvocationResetsCountsButKeepsCountingRepeats() {
    AlertThrottle throttle = throttle(200, 4096);
    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1"));
    throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1"));
    assertEquals(1, throttle.drainSummaries().size());

    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("sh -c id", "inv-1")));
    List<String> summaries = throttle.drainSummaries();

    assertEquals(1, summaries.size());
    assertTrue(summaries.get(0).contains("\"warden.repeats\":1,"), summaries.get(0));
  }

  @Test
  void outsideAnInvocationRepeatsAreCountedUntilTheWindowEnds() {
    AlertThrottle throttle = throttle(200, 4096);

    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("sh -c id", null)));
    now.set(START + 59_999);
    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("sh -c id", null)));
    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("sh -c id", null)));
    assertFalse(throttle.summariesDue());
    now.set(START + 60_000);
    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("sh -c id", null)));

    assertTrue(throttle.summariesDue(), "window rollover with repeats makes a summary due");
    assertEquals(
        List.of(
            "{\"time\":\"1970-01-01T00:02:40.000Z\",\"warden.summary\":\"repeats\","
                + "\"warden.rule\":\"process.shell\",\"warden.category\":\"process\",\"warden.operation\":\"exec\",\"warden.action\":\"alerted\",\"warden.severity\":\"high\",\"warden.target\":\"sh -c id\","
                + "\"warden.repeats\":2}"),
        throttle.drainSummaries());
    now.set(START + 60_001);
    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("sh -c id", null)));
  }

  @Test
  void aClockThatStepsBackEndsTheRepeatWindow() {
    AlertThrottle throttle = throttle(200, 4096);
    throttle.decide(TestAlerts.shellAlert("sh -c id", null));

    now.set(START - 1);

    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("sh -c id", null)));
  }

  @Test
  void beyondTheRateLimitAlertsAreSuppressedAndSummarised() {
    AlertThrottle throttle = throttle(3, 4096);
    for (int i = 0; i < 3; i++) {
      assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("cmd " + i, "inv-1")));
    }

    assertEquals(SUPPRESS, throttle.decide(TestAlerts.shellAlert("cmd 3", "inv-1")));
    assertEquals(SUPPRESS, throttle.decide(TestAlerts.shellAlert("cmd 4", null)));
    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("cmd 0", "inv-1")));

    assertEquals(
        List.of(
            "{\"time\":\"1970-01-01T00:01:40.000Z\",\"warden.summary\":\"repeats\","
                + "\"warden.rule\":\"process.shell\",\"warden.category\":\"process\",\"warden.operation\":\"exec\",\"warden.action\":\"alerted\",\"warden.severity\":\"high\",\"warden.target\":\"cmd 0\","
                + "\"warden.repeats\":1,\"faas.invocation_id\":\"inv-1\"}",
            "{\"time\":\"1970-01-01T00:01:40.000Z\",\"warden.summary\":\"rate-limited\","
                + "\"warden.suppressed\":2}"),
        throttle.drainSummaries());
  }

  @Test
  void theRateWindowRollsOverAndASuppressedKeyIsLoggedThen() {
    AlertThrottle throttle = throttle(1, 4096);
    throttle.decide(TestAlerts.shellAlert("cmd 0", "inv-1"));
    assertEquals(SUPPRESS, throttle.decide(TestAlerts.shellAlert("cmd 1", "inv-1")));
    assertFalse(throttle.summariesDue());

    now.set(START + 10_000);

    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("cmd 1", "inv-1")));
    assertTrue(throttle.summariesDue(), "rate window rollover with suppressions");
    assertEquals(SUPPRESS, throttle.decide(TestAlerts.shellAlert("cmd 2", "inv-1")));
  }

  @Test
  void newKeysBeyondTheCapAreSuppressedAndCounted() {
    AlertThrottle throttle = throttle(1000, 3);
    for (int i = 0; i < 3; i++) {
      assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("cmd " + i, "inv-1")));
    }

    assertEquals(SUPPRESS, throttle.decide(TestAlerts.shellAlert("cmd 3", "inv-1")));
    assertEquals(COUNT, throttle.decide(TestAlerts.shellAlert("cmd 0", "inv-1")));
    List<String> summaries = throttle.drainSummaries();
    assertTrue(summaries.get(summaries.size() - 1).endsWith("\"warden.suppressed\":1}"));

    throttle.invocationEnded("inv-1");
    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("cmd 3", "inv-2")));
  }

  @Test
  void expiredKeysOutsideInvocationsMakeRoomUnderTheCap() {
    AlertThrottle throttle = throttle(1000, 2);
    throttle.decide(TestAlerts.shellAlert("cmd 0", null));
    throttle.decide(TestAlerts.shellAlert("cmd 1", null));
    assertEquals(SUPPRESS, throttle.decide(TestAlerts.shellAlert("cmd 2", null)));

    now.set(START + 60_000);

    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert("cmd 2", null)));
  }

  @Test
  void summaryTargetsAreEscapedAndLongTargetsShortened() {
    AlertThrottle throttle = throttle(200, 4096);
    String longTarget = "\"quoted\"\n" + "x".repeat(10_000);
    throttle.decide(TestAlerts.shellAlert(longTarget, "inv-1"));
    throttle.decide(TestAlerts.shellAlert(longTarget, "inv-1"));

    String summary = throttle.drainSummaries().get(0);

    String target = (String) StrictJson.parseObject(summary).get("warden.target");
    assertTrue(target.startsWith("\"quoted\"\nxxx"), target);
    assertTrue(target.length() <= AlertThrottle.MAX_KEY_TARGET_LENGTH + 16, "" + target.length());
  }

  @Test
  void longTargetsWithTheSamePrefixStayDistinctKeys() {
    AlertThrottle throttle = throttle(200, 4096);
    String prefix = "y".repeat(1000);

    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert(prefix + "a", "inv-1")));
    assertEquals(LOG, throttle.decide(TestAlerts.shellAlert(prefix + "b", "inv-1")));
  }

  @Test
  void concurrentDecisionsLogEachKeyOnceAndCountTheRest() throws Exception {
    AlertThrottle throttle = throttle(100_000, 4096);
    AtomicLong logged = new AtomicLong();
    AtomicLong counted = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  AlertThrottle.Decision decision =
                      throttle.decide(TestAlerts.shellAlert("cmd " + (i % 10), "inv-1"));
                  (decision == LOG ? logged : counted).incrementAndGet();
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(10, logged.get());
    assertEquals(7990, counted.get());
    long summarised = 0;
    for (String line : throttle.drainSummaries()) {
      summarised += (Long) StrictJson.parseObject(line).get("warden.repeats");
    }
    assertEquals(7990, summarised);
  }
}
