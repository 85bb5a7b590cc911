package dev.warden.benchmarks.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertAuditTest {
  private static final String CANARY =
      "{\"time\":\"2026-01-01T00:00:00Z\",\"warden.rule\":\"file.secret-read\","
          + "\"warden.category\":\"file\",\"warden.target\":\"/proc/4242/environ\","
          + "\"warden.target.requested\":\"/proc/self/environ\"}";
  private static final String PROCESS_EXEC =
      "{\"warden.rule\":\"process.exec\",\"warden.target\":\"/usr/bin/true\"}";
  private static final String PROCESS_REPEATS =
      "{\"warden.summary\":\"repeats\",\"warden.rule\":\"process.exec\","
          + "\"warden.target\":\"/usr/bin/true\",\"warden.repeats\":41}";

  @Test
  void canariesAreCountedAndNothingElseIsClean() {
    AlertAudit audit = AlertAudit.of(Configuration.ENFORCE, List.of(CANARY, CANARY, ""));

    assertEquals(2, audit.canaries);
    assertTrue(audit.clean());
  }

  @Test
  void monitorsProcessAlertsAreByDesignWithRepeatsCounted() {
    AlertAudit audit =
        AlertAudit.of(Configuration.MONITOR, List.of(CANARY, PROCESS_EXEC, PROCESS_REPEATS));

    assertTrue(audit.clean());
    assertEquals(Map.of("process.exec /usr/bin/true", 42L), audit.expectedByDesign);
  }

  @Test
  void aProcessAlertUnderTheAllowingPolicyIsUnexpected() {
    AlertAudit audit = AlertAudit.of(Configuration.ENFORCE, List.of(PROCESS_EXEC));

    assertFalse(audit.clean());
    assertEquals(Map.of("process.exec /usr/bin/true", 1L), audit.unexpected);
  }

  @Test
  void anyOtherAlertIsUnexpected() {
    String write =
        "{\"warden.rule\":\"file.write-outside-tmp\",\"warden.target\":\"/work/x \\\"q\\\"\"}";
    String rateLimited = "{\"warden.summary\":\"rate-limited\",\"warden.suppressed\":7}";

    AlertAudit audit = AlertAudit.of(Configuration.MONITOR, List.of(write, rateLimited));

    assertEquals(
        Map.of("file.write-outside-tmp /work/x \\\"q\\\"", 1L, "rate-limited (rule not named)", 7L),
        audit.unexpected);
  }
}
