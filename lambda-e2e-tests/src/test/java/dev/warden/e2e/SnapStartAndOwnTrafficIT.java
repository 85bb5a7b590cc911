package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.LocalLambdaRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart driven as the runtime drives it, and Warden's own export traffic under the strictest
 * policy.
 */
class SnapStartAndOwnTrafficIT {
  @TempDir Path directory;

  /**
   * With {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the runtime client runs the
   * before-checkpoint hooks, asks to be restored, then runs the after-restore hooks: Warden's hooks
   * flush and close the exporter before, and rebuild it after, so the restored copy exports again,
   * and its first invocation is a cold start of that copy.
   */
  @Test
  void afterARestoreTheExporterWorksAndTheFirstInvocationIsACopysColdStart() throws Exception {
    AlertLogFile alertLog = new AlertLogFile(directory.resolve("alerts.jsonl"));
    try (OtlpReceiver receiver = new OtlpReceiver();
        LocalLambdaRuntime lambda =
            Functions.withAgent(
                    "snapstart",
                    "dev.warden.samples.forms.TypedHandler",
                    receiver.endpoint(),
                    alertLog.path(),
                    Map.of(
                        "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                        "WARDEN_DEBUG", "true",
                        // every invocation's spans out before the next request, not batched
                        "OTEL_BSP_SCHEDULE_DELAY", "0"))
                .build()) {
      lambda.start();
      Sent first = Sent.action(lambda, "read-environ", true);
      Sent second = Sent.action(lambda, "none", true);
      assertTrue(lambda.awaitNextRequests(3, Duration.ofSeconds(10)));
      assertEquals(1, lambda.restores(), "the runtime client asked to be restored once");
      assertTrue(first.result().succeeded(), first::toString);
      ReceivedSpan restored = Expect.theInvocationSpan(receiver, first);
      assertEquals(true, restored.attribute("faas.coldstart"), restored::toString);
      assertEquals(
          1,
          Expect.alertSpans(receiver, first).size(),
          () -> Expect.describe(receiver.inTrace(first.traceId())));
      ReceivedSpan warm = Expect.theInvocationSpan(receiver, second);
      assertEquals(false, warm.attribute("faas.coldstart"), warm::toString);
      assertFalse(
          lambda.stderr().contains("hook failed") || lambda.stderr().contains("not registered"),
          lambda::stderr);
      // Warden's hooks ran, called by the runtime client as Lambda calls them.
      assertTrue(lambda.stderr().contains("SnapStart checkpoint: spans flushed"), lambda::stderr);
      assertTrue(lambda.stderr().contains("SnapStart restore: ids reseeded"), lambda::stderr);
    }
  }

  /**
   * A policy that allows no connection at all, in enforce mode: Warden's own exports to the
   * collector are neither alerts nor blocked (they are the agent's work, not the function's), and
   * the runtime client's reports to the Runtime API (a failing handler's error) go through.
   */
  @Test
  void wardensOwnExportsAndTheRuntimeClientsReportsAreNeverJudged() throws Exception {
    Path policy = directory.resolve("policy.json");
    Files.writeString(
        policy, "{\"mode\":\"enforce\",\"network\":{\"allow\":[]},\"process\":{\"allow\":[]}}");
    AlertLogFile alertLog = new AlertLogFile(directory.resolve("alerts.jsonl"));
    try (OtlpReceiver receiver = new OtlpReceiver();
        LocalLambdaRuntime lambda =
            Functions.withAgent(
                    "strict",
                    "dev.warden.samples.forms.TypedHandler",
                    receiver.endpoint(),
                    alertLog.path(),
                    Map.of(
                        "WARDEN_POLICY",
                        policy.toString(),
                        // every invocation's spans out before the next request, not batched
                        "OTEL_BSP_SCHEDULE_DELAY",
                        "0"))
                .build()) {
      lambda.start();
      Sent quiet = Sent.action(lambda, "none", true);
      Sent failing = Sent.action(lambda, "fail", true);
      Sent after = Sent.action(lambda, "none", true);
      assertTrue(lambda.awaitNextRequests(4, Duration.ofSeconds(10)));
      assertTrue(quiet.result().succeeded(), quiet::toString);
      assertEquals(
          "java.lang.IllegalStateException", failing.result().errorType(), failing::toString);
      assertTrue(after.result().succeeded(), () -> after + "\n" + lambda.stderr());
      Expect.theInvocationSpan(receiver, quiet);
      Expect.theInvocationSpan(receiver, after);
      List<Map<String, Object>> alerts = alertLog.alerts();
      assertEquals(List.of(), alerts, "no alert about Warden's exports or the runtime's reports");
    }
  }
}
