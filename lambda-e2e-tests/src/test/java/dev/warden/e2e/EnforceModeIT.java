package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.InvocationResult.Outcome;
import dev.warden.localruntime.LocalLambdaRuntime;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WARDEN_MODE=enforce}: the blocked operation surfaces as the handler's error as Lambda
 * reports it, the alert span says {@code blocked}, and the function keeps serving.
 */
class EnforceModeIT {
  @TempDir Path directory;

  @Test
  void aBlockedOperationIsTheHandlersErrorAndItsAlertSpanSaysBlocked() throws Exception {
    AlertLogFile alertLog = new AlertLogFile(directory.resolve("alerts.jsonl"));
    try (OtlpReceiver receiver = new OtlpReceiver();
        LocalLambdaRuntime lambda =
            Functions.withAgent(
                    "enforce",
                    "dev.warden.samples.forms.TypedHandler",
                    receiver.endpoint(),
                    alertLog.path(),
                    Map.of("WARDEN_MODE", "enforce"))
                .build()) {
      lambda.start();
      Sent secretRead = Sent.action(lambda, "read-environ", true);
      Sent shell = Sent.action(lambda, "shell", true);
      Sent quiet = Sent.action(lambda, "none", true);
      assertTrue(lambda.awaitNextRequests(4, Duration.ofSeconds(10)));
      String stderr = lambda.stderr();

      assertBlocked(receiver, alertLog, secretRead, "file.secret-read", stderr);
      assertBlocked(receiver, alertLog, shell, "process.shell", stderr);
      assertTrue(quiet.result().succeeded(), () -> "the function still serves: " + quiet);
      assertEquals("\"typed: nothing to do\"", quiet.result().response());
    }
  }

  private static void assertBlocked(
      OtlpReceiver receiver, AlertLogFile alertLog, Sent sent, String rule, String stderr)
      throws Exception {
    assertEquals(Outcome.FUNCTION_ERROR, sent.result().outcome(), () -> sent + "\n" + stderr);
    System.out.println("enforce " + sent.label() + ": Lambda reports " + sent.result().body());
    String errorType = sent.result().errorType();
    String errorMessage = sent.result().errorMessage();
    assertAll(
        sent.label() + " as Lambda reports it: " + sent.result().body(),
        () -> assertEquals("java.lang.WardenBlockedException", errorType, "errorType"),
        () -> assertNotNull(errorMessage, "errorMessage"),
        () -> assertTrue(errorMessage.contains(rule), "errorMessage names the rule " + rule),
        () ->
            assertTrue(
                sent.result().error().orElseThrow().stackTrace().size() > 0,
                "the error carries the stack trace"));

    ReceivedSpan invocation = Expect.theInvocationSpan(receiver, sent);
    List<ReceivedSpan> alerts =
        Expect.alertSpans(receiver, sent).stream()
            .filter(a -> rule.equals(a.attribute("warden.rule")))
            .toList();
    assertEquals(1, alerts.size(), () -> Expect.describe(receiver.inTrace(sent.traceId())));
    ReceivedSpan alert = alerts.get(0);
    Expect.alertSpan(alert, invocation, sent);
    assertAll(
        () -> assertEquals("blocked", alert.attribute("warden.action")),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, alert.statusCode()),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, invocation.statusCode()),
        () ->
            assertEquals(
                "java.lang.WardenBlockedException",
                invocation.attribute("error.type"),
                "the invocation span's error.type"));
    List<Map<String, Object>> lines = alertLog.alertsOf(sent.requestId());
    assertFalse(lines.isEmpty(), () -> "log lines for " + sent);
    assertTrue(
        lines.stream()
            .anyMatch(
                l -> rule.equals(l.get("warden.rule")) && "blocked".equals(l.get("warden.action"))),
        () -> "a blocked " + rule + " line: " + lines);
  }
}
