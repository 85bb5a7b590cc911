package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.LocalLambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * When spans leave, by default. An invocation with an alert has its spans out before the runtime
 * asks for the next event, and takes along the spans of the invocations without alerts that waited
 * for their batch; those go out on their own once {@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE} of them
 * wait (or {@code OTEL_BSP_SCHEDULE_DELAY} has passed since the last export), a full batch built
 * and sent on Warden's thread while the next invocations run. The first invocation is exported at
 * once, and what still waits when Lambda shuts the environment down goes out then: Warden registers
 * as an internal extension, so Lambda sends SIGTERM before it kills the runtime.
 */
class BatchedExportIT {
  @TempDir Path directory;

  @Test
  void quietInvocationsWaitForTheirBatchAndAnAlertTakesThemAlong() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        LocalLambdaRuntime lambda =
            Functions.withAgent(
                    "batched",
                    "dev.warden.samples.forms.TypedHandler",
                    receiver.endpoint(),
                    directory.resolve("alerts.jsonl"),
                    Map.of("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "3"))
                .build()) {
      lambda.start();
      Sent first = Sent.action(lambda, "none", true);
      Sent quiet1 = Sent.action(lambda, "none", true);
      Sent quiet2 = Sent.action(lambda, "none", true);
      assertTrue(lambda.awaitNextRequests(4, Duration.ofSeconds(10)), lambda::stderr);
      long alertSent = System.nanoTime();
      Sent alert = Sent.action(lambda, "read-environ", true);
      Sent quiet3 = Sent.action(lambda, "none", true);
      Sent quiet4 = Sent.action(lambda, "none", true);
      long fillsTheBatchSent = System.nanoTime();
      Sent fillsTheBatch = Sent.action(lambda, "none", true);
      Sent waits = Sent.action(lambda, "none", true);
      assertTrue(lambda.awaitNextRequests(9, Duration.ofSeconds(10)), lambda::stderr);
      Thread.sleep(500); // anything exported late has time to show up
      List<Long> next = lambda.nextRequestNanos();
      List<Sent> all = List.of(first, quiet1, quiet2, alert, quiet3, quiet4, fillsTheBatch, waits);
      for (Sent sent : all) {
        assertTrue(sent.result().succeeded(), () -> sent + "\n" + lambda.stderr());
      }

      List<Executable> checks = new ArrayList<>();
      // /next #k follows invocation k (1-based).
      checks.add(() -> assertArrivedBefore(receiver, first, next.get(1), "at once"));
      for (Sent quiet : List.of(quiet1, quiet2)) {
        checks.add(
            () -> {
              ReceivedSpan span = Expect.theInvocationSpan(receiver, quiet);
              assertTrue(
                  span.arrivalNanos() > alertSent,
                  quiet.label() + " waited for its batch until the alert");
              assertEquals(
                  requestOf(receiver, alert),
                  span.request(),
                  "in the same request as the alert's spans");
            });
      }
      checks.add(
          () -> {
            assertTrue(Expect.alertSpans(receiver, alert).size() >= 1, "the alert span");
            assertArrivedBefore(receiver, alert, next.get(4), "with its alert");
          });
      // A full batch: built and sent in the background, so the request for the next event need
      // not wait for it; it goes out on its own, in one request, without a later invocation.
      for (Sent batched : List.of(quiet3, quiet4, fillsTheBatch)) {
        checks.add(
            () -> {
              ReceivedSpan span = Expect.theInvocationSpan(receiver, batched);
              assertTrue(span.arrivalNanos() > fillsTheBatchSent, "once the batch was full");
              assertEquals(requestOf(receiver, fillsTheBatch), span.request(), "as one request");
              assertTrue(
                  span.request() != requestOf(receiver, alert), "not with the alert's spans");
            });
      }
      checks.add(
          () ->
              assertEquals(
                  List.of(),
                  receiver.inTrace(waits.traceId()),
                  "the invocation after a full batch waits for the next one"));
      assertAll(checks);

      // Lambda shuts the environment down: with Warden's extension registered, SIGTERM first.
      long shutDown = System.nanoTime();
      lambda.close();
      ReceivedSpan last = Expect.theInvocationSpan(receiver, waits);
      assertTrue(
          last.arrivalNanos() > shutDown,
          "the invocation that waited went out at shutdown, not before");
      assertEquals(List.of(), receiver.problems(), "valid OTLP/HTTP protobuf");
    }
  }

  /**
   * Without {@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE}, a batch is 64 invocations, not the
   * specification's 512: a batch of 512 outlived the serial collector's young collections, and on
   * JDK 25 the heap then grew without end (see TelemetryConfig).
   */
  @Test
  void byDefaultABatchIsSixtyFourInvocations() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        LocalLambdaRuntime lambda =
            Functions.withAgent(
                    "batched-by-default",
                    "dev.warden.samples.forms.TypedHandler",
                    receiver.endpoint(),
                    directory.resolve("alerts.jsonl"),
                    // only the size decides here, however slow the machine
                    Map.of("OTEL_BSP_SCHEDULE_DELAY", "600000"))
                .build()) {
      lambda.start();
      Sent first = Sent.action(lambda, "none", true);
      List<Sent> batch = new ArrayList<>();
      for (int i = 0; i < 63; i++) {
        batch.add(Sent.action(lambda, "none", true));
      }
      assertTrue(lambda.awaitNextRequests(65, Duration.ofSeconds(30)), lambda::stderr);
      Thread.sleep(500); // an export due now has time to show up
      Sent sixtyThird = batch.get(62);
      assertEquals(
          List.of(), receiver.inTrace(sixtyThird.traceId()), "63 invocations wait for their batch");
      long fillsTheBatchSent = System.nanoTime();
      Sent fillsTheBatch = Sent.action(lambda, "none", true);
      batch.add(fillsTheBatch);
      Sent waits = Sent.action(lambda, "none", true);
      assertTrue(lambda.awaitNextRequests(67, Duration.ofSeconds(30)), lambda::stderr);
      Thread.sleep(500);

      for (Sent sent : batch) {
        assertTrue(sent.result().succeeded(), () -> sent + "\n" + lambda.stderr());
      }
      Expect.theInvocationSpan(receiver, first);
      int request = requestOf(receiver, fillsTheBatch);
      for (Sent batched : batch) {
        ReceivedSpan span = Expect.theInvocationSpan(receiver, batched);
        assertTrue(span.arrivalNanos() > fillsTheBatchSent, "once 64 waited");
        assertEquals(request, span.request(), "the 64 in one request");
      }
      assertEquals(
          List.of(), receiver.inTrace(waits.traceId()), "the 65th waits for the next batch");
    }
  }

  private static void assertArrivedBefore(
      OtlpReceiver receiver, Sent sent, long nextRequest, String how) throws Exception {
    ReceivedSpan span = Expect.theInvocationSpan(receiver, sent);
    assertTrue(
        span.arrivalNanos() < nextRequest,
        () -> sent.label() + " exported " + how + ", before the request for the next event");
  }

  private static int requestOf(OtlpReceiver receiver, Sent sent) throws Exception {
    return Expect.theInvocationSpan(receiver, sent).request();
  }
}
