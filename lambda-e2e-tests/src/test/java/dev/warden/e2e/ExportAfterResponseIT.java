package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.LocalLambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda freezes an environment only once its runtime asks for the next event, after posting the
 * response. Warden exports an invocation's spans in between: the caller of the function does not
 * wait for the collector, and nothing is left unsent when the environment freezes.
 */
class ExportAfterResponseIT {
  @TempDir Path directory;

  @Test
  void theResponseDoesNotWaitForTheCollectorButTheRequestForTheNextEventDoes() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        LocalLambdaRuntime lambda =
            Functions.withAgent(
                    "export-after-response",
                    "dev.warden.samples.forms.TypedHandler",
                    receiver.endpoint(),
                    directory.resolve("alerts.jsonl"),
                    // Long enough that the held export below cannot time out during the test.
                    Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "20000"))
                .build()) {
      lambda.start();
      Sent warmUp = Sent.action(lambda, "none", true);
      assertTrue(warmUp.result().succeeded(), warmUp::toString);
      assertTrue(lambda.awaitNextRequests(2, Duration.ofSeconds(10)), lambda::stderr);

      receiver.holdAnswers();
      Sent held = Sent.action(lambda, "shell", true);
      // The response is here although the collector has answered nothing since holdAnswers().
      assertTrue(held.result().succeeded(), held::toString);
      List<ReceivedSpan> spans =
          receiver.await(s -> s.traceId().equals(held.traceId()), 2, Duration.ofSeconds(10));
      assertEquals(2, spans.size(), "the invocation span and the alert span: " + spans);
      Thread.sleep(300);
      assertEquals(
          2,
          lambda.nextRequestNanos().size(),
          "no request for the next event while the export is unanswered");

      receiver.releaseAnswers();
      assertTrue(lambda.awaitNextRequests(3, Duration.ofSeconds(10)), lambda::stderr);
      long nextRequest = lambda.nextRequestNanos().get(2);
      assertAll(
          spans.stream()
              .map(
                  span ->
                      () ->
                          assertTrue(
                              span.arrivalNanos() < nextRequest,
                              span.name() + " arrived before the request for the next event")));
    }
  }
}
