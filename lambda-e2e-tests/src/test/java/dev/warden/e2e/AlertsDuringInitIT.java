package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.LocalLambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert raised during init, outside any invocation, is exported before the init ends: Lambda may
 * freeze the environment as soon as the runtime asks for its first event, and Warden builds its
 * OpenTelemetry SDK only when something needs it.
 */
class AlertsDuringInitIT {
  @TempDir Path directory;

  @Test
  void anAlertRaisedDuringInitIsExportedBeforeTheRuntimeAsksForItsFirstEvent() throws Exception {
    AlertLogFile alertLog = new AlertLogFile(directory.resolve("alerts.jsonl"));
    try (OtlpReceiver receiver = new OtlpReceiver();
        LocalLambdaRuntime lambda =
            Functions.withAgent(
                    "alert-during-init",
                    "dev.warden.samples.e2e.SecretReadAtInitHandler",
                    receiver.endpoint(),
                    alertLog.path(),
                    Map.of())
                .build()) {
      lambda.start();
      assertTrue(lambda.awaitInit(Duration.ofSeconds(30)), lambda::stderr);
      long endOfInit = lambda.nextRequestNanos().get(0);
      List<ReceivedSpan> alerts =
          receiver.await(
              s -> "file.secret-read".equals(s.attribute("warden.rule")), 1, Duration.ofSeconds(5));
      assertEquals(1, alerts.size(), () -> "one alert span\n" + lambda.stderr());
      ReceivedSpan alert = alerts.get(0);
      assertAll(
          () ->
              assertTrue(
                  alert.arrivalNanos() < endOfInit,
                  "exported before the runtime asked for its first event"),
          () -> assertNull(alert.attribute("faas.invocation_id"), "outside any invocation"),
          () ->
              assertEquals(
                  "file.secret-read",
                  alertLog.alerts().get(0).get("warden.rule"),
                  "and in the JSON log"));
      Sent first = Sent.action(lambda, "none", true);
      assertTrue(first.result().succeeded(), first::toString);
    }
  }
}
