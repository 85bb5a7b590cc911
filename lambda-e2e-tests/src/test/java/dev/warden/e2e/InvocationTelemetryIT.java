package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.InvocationResult.Outcome;
import dev.warden.localruntime.LocalLambdaRuntime;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * One function environment (a {@code RequestHandler} under the agent) driven through a fixed script
 * of invocations; each test checks one property of what was exported and logged.
 */
class InvocationTelemetryIT {
  private static final String NAME = "telemetry";

  @TempDir static Path directory;

  private static OtlpReceiver receiver;
  private static AlertLogFile alertLog;
  private static String arn;
  private static String stderr;
  private static List<Long> nextArrivals;

  // the script, in order
  private static Sent quiet; // cold, Sampled=1, no alert
  private static Sent secretReadUnsampled; // Sampled=0, alert
  private static Sent quietUnsampled; // Sampled=0, no alert
  private static Sent shell; // Sampled=1, alert
  private static Sent secretRead; // Sampled=1, alert
  private static Sent failing; // Sampled=1, the handler throws
  private static List<Sent> script;

  /** The alert log lines present when each invocation's response had come back. */
  private static final List<List<Map<String, Object>>> alertLogAtResponse = new ArrayList<>();

  @BeforeAll
  static void runTheScript() throws Exception {
    receiver = new OtlpReceiver();
    alertLog = new AlertLogFile(directory.resolve("alerts.jsonl"));
    try (LocalLambdaRuntime lambda =
        Functions.withAgent(
                NAME,
                "dev.warden.samples.forms.TypedHandler",
                receiver.endpoint(),
                alertLog.path(),
                // Every invocation's spans out before the next request, as a user who wants no
                // batching sets it; BatchedExportIT covers the default.
                Map.of("OTEL_BSP_SCHEDULE_DELAY", "0"))
            .build()) {
      lambda.start();
      arn = lambda.functionArn();
      quiet = step(lambda, "none", true);
      secretReadUnsampled = step(lambda, "read-environ", false);
      quietUnsampled = step(lambda, "none", false);
      shell = step(lambda, "shell", true);
      secretRead = step(lambda, "read-environ", true);
      failing = step(lambda, "fail", true);
      script = List.of(quiet, secretReadUnsampled, quietUnsampled, shell, secretRead, failing);
      assertTrue(lambda.awaitNextRequests(script.size() + 1, Duration.ofSeconds(10)));
      nextArrivals = lambda.nextRequestNanos();
      Thread.sleep(1_500); // anything exported late (it must not be) has time to show up
      stderr = lambda.stderr();
    }
    System.out.println(
        "healthy collector: invocation durations (ms) "
            + script.stream()
                .map(s -> s.label() + "=" + s.result().duration().toMillis())
                .collect(java.util.stream.Collectors.joining(", ")));
  }

  private static Sent step(LocalLambdaRuntime lambda, String action, boolean sampled)
      throws Exception {
    Sent sent = Sent.action(lambda, action, sampled);
    alertLogAtResponse.add(alertLog.alerts());
    return sent;
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void everyInvocationGotItsResponseOrItsError() {
    for (Sent sent : script) {
      if (sent == failing) {
        assertEquals(Outcome.FUNCTION_ERROR, sent.result().outcome(), sent::toString);
        assertEquals("java.lang.IllegalStateException", sent.result().errorType());
      } else {
        assertTrue(sent.result().succeeded(), () -> sent + "\n" + stderr);
      }
    }
    assertEquals(List.of(), receiver.problems(), "the exports were valid OTLP/HTTP protobuf");
  }

  @Test
  void coldStartIsTrueOnTheFirstInvocationOnly() throws Exception {
    List<Executable> checks = new ArrayList<>();
    for (Sent sent : script) {
      if (sent == quietUnsampled) {
        continue; // not exported at all (see below)
      }
      boolean first = sent == quiet;
      checks.add(
          () ->
              assertEquals(
                  first,
                  Expect.theInvocationSpan(receiver, sent).attribute("faas.coldstart"),
                  sent.toString()));
    }
    assertAll(checks);
  }

  @Test
  void withSampledZeroAnInvocationWithAlertsIsExportedAndOneWithoutIsNot() throws Exception {
    ReceivedSpan invocation = Expect.theInvocationSpan(receiver, secretReadUnsampled);
    Expect.invocationSpan(invocation, secretReadUnsampled, Trigger.DIRECT, false, NAME, arn, NAME);
    List<ReceivedSpan> alerts = Expect.alertSpans(receiver, secretReadUnsampled);
    assertFalse(alerts.isEmpty(), () -> "alert spans of " + secretReadUnsampled);
    assertEquals(
        List.of(),
        receiver.inTrace(quietUnsampled.traceId()),
        "Sampled=0 and no alert: nothing exported");
  }

  @Test
  void invocationsWithoutAlertsHaveNoAlertSpansAndNoLogLines() throws Exception {
    for (Sent sent : List.of(quiet, failing)) {
      assertEquals(List.of(), Expect.alertSpans(receiver, sent), sent::toString);
      assertEquals(List.of(), alertLog.alertsOf(sent.requestId()), sent::toString);
    }
  }

  @Test
  void eachAlertIsAChildSpanOfItsInvocationWithTheContractKeys() throws Exception {
    assertAlert(secretReadUnsampled, "file.secret-read", "file", "read", "critical");
    assertAlert(secretRead, "file.secret-read", "file", "read", "critical");
    assertAlert(shell, "process.shell", "process", "exec", null);
  }

  private static void assertAlert(
      Sent sent, String rule, String category, String operation, String severity) throws Exception {
    ReceivedSpan invocation = Expect.theInvocationSpan(receiver, sent);
    List<ReceivedSpan> alerts = Expect.alertSpans(receiver, sent);
    List<ReceivedSpan> ofRule =
        alerts.stream().filter(a -> rule.equals(a.attribute("warden.rule"))).toList();
    assertEquals(
        1, ofRule.size(), () -> sent + ": one " + rule + " alert in " + Expect.describe(alerts));
    for (ReceivedSpan alert : alerts) {
      Expect.alertSpan(alert, invocation, sent);
    }
    ReceivedSpan alert = ofRule.get(0);
    assertAll(
        () -> assertEquals(category, alert.attribute("warden.category")),
        () -> assertEquals(operation, alert.attribute("warden.operation")),
        () -> assertEquals("alerted", alert.attribute("warden.action")),
        () -> {
          if (severity != null) {
            assertEquals(severity, alert.attribute("warden.severity"));
          }
        },
        () -> {
          String target = String.valueOf(alert.attribute("warden.target"));
          if (category.equals("file")) {
            assertTrue(
                target.matches("/proc/(self|\\d+)/environ"), "target names the file: " + target);
          } else {
            assertTrue(target.contains("sh -c true"), "target is the command line: " + target);
          }
        },
        () ->
            assertEquals(
                Integer.toUnsignedLong(alerts.size()),
                invocation.attribute("warden.alert_count"),
                "the invocation counts its alerts"));
  }

  @Test
  void theJsonLogHasTheSameAlertsWithTheSameKeys() throws Exception {
    for (Sent sent : List.of(secretReadUnsampled, shell, secretRead)) {
      List<Map<String, Object>> spans =
          Expect.alertSpans(receiver, sent).stream()
              .map(s -> Expect.contractKeys(s.attributes()))
              .sorted(java.util.Comparator.comparing(Object::toString))
              .toList();
      List<Map<String, Object>> lines =
          alertLog.alertsOf(sent.requestId()).stream()
              .map(Expect::contractKeys)
              .sorted(java.util.Comparator.comparing(Object::toString))
              .toList();
      assertFalse(lines.isEmpty(), () -> sent + ": log lines in\n" + alertLog.path());
      assertEquals(spans, lines, () -> sent + ": same alerts in spans and in the JSON log");
      for (Map<String, Object> line : lines) {
        assertEquals(
            Expect.ALERT_KEYS.stream().sorted().toList(),
            List.copyOf(line.keySet()),
            "every contract key in the log line");
      }
    }
  }

  @Test
  void allSpansOfAnInvocationArriveBeforeTheRuntimeAsksForTheNextEvent() {
    // /next #0 ended the init; invocation k (1-based) was taken by /next #(k-1) and is followed by
    // /next #k, which the runtime client sends only once the handler has returned.
    assertEquals(script.size() + 1, nextArrivals.size(), "one /next per invocation, plus one");
    List<Executable> checks = new ArrayList<>();
    for (int k = 1; k <= script.size(); k++) {
      Sent sent = script.get(k - 1);
      long nextArrival = nextArrivals.get(k);
      List<ReceivedSpan> spans = receiver.inTrace(sent.traceId());
      for (ReceivedSpan span : spans) {
        checks.add(
            () ->
                assertTrue(
                    span.arrivalNanos() < nextArrival,
                    () ->
                        sent.label()
                            + ": "
                            + span.name()
                            + " arrived "
                            + (span.arrivalNanos() - nextArrival) / 1_000_000.0
                            + " ms after the next /next"));
      }
      if (sent != quietUnsampled) {
        checks.add(() -> assertFalse(spans.isEmpty(), sent + " exported something"));
        long lastArrival = spans.stream().mapToLong(ReceivedSpan::arrivalNanos).max().orElse(0);
        System.out.printf(
            "freeze: %s: last span %.2f ms before the next /next%n",
            sent.label(), (nextArrival - lastArrival) / 1e6);
      }
    }
    assertAll(checks);
  }

  @Test
  void theJsonLogHasEachAlertWhenTheResponseComesBack() {
    // Lambda may freeze the environment right after the response: the log line must be out.
    for (int k = 0; k < script.size(); k++) {
      Sent sent = script.get(k);
      long atResponse =
          alertLogAtResponse.get(k).stream()
              .filter(a -> sent.requestId().equals(a.get("faas.invocation_id")))
              .count();
      long expected = Expect.alertSpans(receiver, sent).size();
      assertEquals(expected, atResponse, () -> sent + ": alert lines written before the response");
    }
  }

  @Test
  void aThrowingHandlerGivesAnErrorInvocationSpan() throws Exception {
    ReceivedSpan span = Expect.theInvocationSpan(receiver, failing);
    Expect.invocationSpan(span, failing, Trigger.DIRECT, false, NAME, arn, NAME);
    assertAll(
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.statusCode()),
        () -> assertEquals("java.lang.IllegalStateException", span.attribute("error.type")),
        () ->
            assertTrue(
                span.span().getEventsList().stream().anyMatch(e -> e.getName().equals("exception")),
                "an exception event"));
  }
}
