package dev.warden.agent.alert;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.model.Alert;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AlertPipelineTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private final AtomicLong now = new AtomicLong(TestAlerts.MARCH_5_2024);
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private final List<String> warnings = new ArrayList<>();
  private final List<Alert> heard = new ArrayList<>();
  private final AlertPipeline pipeline =
      new AlertPipeline(
          new AlertLog(written, "test", null, warnings::add),
          new AlertThrottle(now::get, 60_000L, 200, 10_000L, 4096),
          new SecretRedactor(Map.of("AWS_SECRET_ACCESS_KEY", SECRET)),
          warnings::add);

  private List<String> lines() {
    // JSON lines escape \r, so every line break here is one the log wrote.
    return written.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aLoggedAlertIsWrittenRedactedAndHandedToListeners() {
    pipeline.addListener(heard::add);

    pipeline.report(TestAlerts.shellAlert("sh -c 'echo " + SECRET + "'", "inv-1"));

    assertEquals(1, lines().size());
    Map<String, Object> line = StrictJson.parseObject(lines().get(0));
    assertEquals("sh -c 'echo [REDACTED:AWS_SECRET_ACCESS_KEY]'", line.get("warden.target"));
    assertFalse(written.toString(StandardCharsets.UTF_8).contains(SECRET));
    assertEquals(1, heard.size());
    assertEquals("sh -c 'echo [REDACTED:AWS_SECRET_ACCESS_KEY]'", heard.get(0).target());
  }

  @Test
  void repeatsAreNotWrittenOrHeardButSummarisedWhenTheInvocationEnds() {
    pipeline.addListener(heard::add);
    pipeline.report(TestAlerts.shellAlert("sh -c id", "inv-1"));
    pipeline.report(TestAlerts.shellAlert("sh -c id", "inv-1"));
    pipeline.report(TestAlerts.shellAlert("sh -c id", "inv-1"));
    assertEquals(1, lines().size());
    assertEquals(1, heard.size());

    pipeline.invocationEnded("inv-1");

    assertEquals(2, lines().size());
    Map<String, Object> summary = StrictJson.parseObject(lines().get(1));
    assertEquals("repeats", summary.get("warden.summary"));
    assertEquals(2L, summary.get("warden.repeats"));
    assertEquals("inv-1", summary.get("faas.invocation_id"));
  }

  @Test
  void onWindowRolloverTheSummaryIsWrittenBeforeTheNewAlert() {
    pipeline.report(TestAlerts.shellAlert("sh -c id", null));
    pipeline.report(TestAlerts.shellAlert("sh -c id", null));
    now.addAndGet(60_000L);

    pipeline.report(TestAlerts.shellAlert("sh -c id", null));

    List<String> lines = lines();
    assertEquals(3, lines.size());
    assertEquals("repeats", StrictJson.parseObject(lines.get(1)).get("warden.summary"));
    assertEquals("process.shell", StrictJson.parseObject(lines.get(2)).get("warden.rule"));
    assertFalse(StrictJson.parseObject(lines.get(2)).containsKey("warden.summary"));
  }

  @Test
  void flushWritesTheRateLimitedSummary() {
    AlertPipeline limited =
        new AlertPipeline(
            new AlertLog(written, "test", null, warnings::add),
            new AlertThrottle(now::get, 60_000L, 1, 10_000L, 4096),
            new SecretRedactor(Map.of()),
            warnings::add);
    limited.report(TestAlerts.shellAlert("cmd 0", "inv-1"));
    limited.report(TestAlerts.shellAlert("cmd 1", "inv-1"));
    limited.report(TestAlerts.shellAlert("cmd 2", "inv-1"));

    limited.flush();

    List<String> lines = lines();
    assertEquals(2, lines.size());
    assertEquals(
        "{\"time\":\"2024-03-05T06:07:08.009Z\",\"warden.summary\":\"rate-limited\","
            + "\"warden.suppressed\":2}",
        lines.get(1));
  }

  @Test
  void aThrowingListenerIsReportedOnceAndTheOthersStillRun() {
    List<Alert> after = new ArrayList<>();
    pipeline.addListener(
        alert -> {
          throw new IllegalStateException("collector down at https://u:" + SECRET + "@otel:4318");
        });
    pipeline.addListener(after::add);

    assertDoesNotThrow(() -> pipeline.report(TestAlerts.shellAlert("cmd 0", "inv-1")));
    assertDoesNotThrow(() -> pipeline.report(TestAlerts.shellAlert("cmd 1", "inv-1")));

    assertEquals(2, after.size());
    assertEquals(2, lines().size());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("IllegalStateException: collector down"), warnings.get(0));
    assertFalse(warnings.get(0).contains(SECRET), warnings.get(0));
  }

  @Test
  void anInternalErrorNeverEscapesAndIsReportedOnce() {
    AlertPipeline broken =
        new AlertPipeline(
            new AlertLog(written, "test", null, warnings::add),
            new AlertThrottle(
                () -> {
                  throw new ArithmeticException("clock broke");
                },
                60_000L,
                200,
                10_000L,
                4096),
            new SecretRedactor(Map.of()),
            warnings::add);

    assertDoesNotThrow(() -> broken.report(TestAlerts.shellAlert("cmd", "inv-1")));
    assertDoesNotThrow(() -> broken.report(TestAlerts.shellAlert("cmd", "inv-1")));
    assertDoesNotThrow(() -> broken.report(null));
    assertDoesNotThrow(broken::flush);

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("clock broke"), warnings.get(0));
  }

  @Test
  void withTheLogOffListenersStillHearAlerts() {
    AlertPipeline silent =
        new AlertPipeline(
            AlertLog.fromSetting("off", warnings::add),
            new AlertThrottle(now::get, 60_000L, 200, 10_000L, 4096),
            new SecretRedactor(Map.of()),
            warnings::add);
    silent.addListener(heard::add);

    silent.report(TestAlerts.shellAlert("cmd", "inv-1"));

    assertEquals(1, heard.size());
    assertEquals(List.of(), warnings);
  }
}
