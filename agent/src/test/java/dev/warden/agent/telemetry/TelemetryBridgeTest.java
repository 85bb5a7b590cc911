package dev.warden.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.lambda.InvocationFacts;
import dev.warden.handler.InvocationLifecycle;
import dev.warden.handler.WardenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invocations without alerts are held back, their spans not built, until their batch is due; then
 * they are finished together and exported as one request.
 */
class TelemetryBridgeTest {
  /** The export requests, as the invocation ids in each. */
  private final List<List<String>> requests = new ArrayList<>();

  /** Each exported span, as its invocation id and URL path. */
  private final List<String> paths = new ArrayList<>();

  private final SpanExporter exporter =
      new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
          synchronized (requests) {
            requests.add(
                spans.stream()
                    .map(s -> s.getAttributes().get(AttributeKey.stringKey("faas.invocation_id")))
                    .toList());
            for (SpanData span : spans) {
              paths.add(
                  span.getAttributes().get(AttributeKey.stringKey("faas.invocation_id"))
                      + " "
                      + span.getAttributes().get(AttributeKey.stringKey("url.path")));
            }
          }
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
          return CompletableResultCode.ofSuccess();
        }
      };

  private TelemetryBridge bridge(Duration scheduleDelay, int maxExportBatchSize) {
    return bridge(scheduleDelay, maxExportBatchSize, new InvocationFinisher(() -> {}));
  }

  private WardenTelemetry telemetry;

  private TelemetryBridge bridge(
      Duration scheduleDelay, int maxExportBatchSize, InvocationFinisher finisher) {
    telemetry =
        WardenTelemetry.builder(
                Map.of(
                    // a request for the next event that waited for a finish would wait this long
                    "OTEL_EXPORTER_OTLP_TIMEOUT",
                    "60000",
                    "AWS_LAMBDA_FUNCTION_NAME",
                    "f",
                    "OTEL_BSP_SCHEDULE_DELAY",
                    Long.toString(scheduleDelay.toMillis()),
                    "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
                    Integer.toString(maxExportBatchSize)))
            .exporterFactory(() -> exporter)
            .warnings(w -> {})
            .build();
    return TelemetryBridge.over(new InvocationLifecycle(telemetry), finisher);
  }

  /** One invocation of a stream handler with an event of {@code eventSize} bytes, then settle. */
  private static void invoke(TelemetryBridge bridge, String id, int eventSize) {
    byte[] event = new byte[eventSize];
    java.util.Arrays.fill(event, (byte) ' ');
    event[0] = '{';
    event[eventSize - 1] = '}';
    invoke(bridge, id, event);
  }

  private static void invoke(TelemetryBridge bridge, String id, byte[] event) {
    bridge.end(begin(bridge, id, event), null, true);
    bridge.settle();
  }

  private static Object begin(TelemetryBridge bridge, String id, byte[] event) {
    return bridge.begin(
        event,
        null,
        event.length,
        new InvocationFacts(id, "arn:aws:lambda:eu-west-1:1:function:f", null));
  }

  private List<List<String>> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void awaitBackground(TelemetryBridge bridge) {
    assertTrue(bridge.awaitFinisher(Duration.ofSeconds(10)), "the background finished its batch");
  }

  @Test
  void theFirstGoesOutAtOnceTheRestWhenTheirBatchIsFullOrAtShutdown() {
    TelemetryBridge bridge = bridge(Duration.ofMinutes(1), 3);
    for (String id : List.of("first", "a", "b", "c", "d")) {
      invoke(bridge, id, 100);
    }
    awaitBackground(bridge);
    assertEquals(List.of(List.of("first"), List.of("a", "b", "c")), requests());
    bridge.shutdown();
    assertEquals(List.of(List.of("first"), List.of("a", "b", "c"), List.of("d")), requests());
  }

  @Test
  @Timeout(30)
  void aFullBatchIsFinishedInTheBackgroundWhileTheNextInvocationsRun() throws Exception {
    InvocationFinisher finisher = new InvocationFinisher(() -> {});
    TelemetryBridge bridge = bridge(Duration.ofMinutes(1), 3, finisher);
    for (String id : List.of("first", "a", "b")) {
      invoke(bridge, id, 100);
    }
    CountDownLatch busy = new CountDownLatch(1);
    finisher.handOverInBackground(() -> awaitQuietly(busy)); // the finisher is busy meanwhile
    // c fills the batch; its runtime's request for the next event does not wait for it
    invoke(bridge, "c", 100);
    // Spans join the SDK's batch meanwhile (as the background's would as it builds the batch):
    // d would make it due by the SDK's rule, but while a batch is finished in the background only
    // a full one of those held back since is due; d's request does not wait either.
    for (int i = 0; i < 2; i++) {
      telemetry.tracer().spanBuilder("outside an invocation").startSpan().end();
    }
    invoke(bridge, "d", 100);
    assertEquals(List.of(List.of("first")), requests());
    busy.countDown();
    awaitBackground(bridge);
    assertEquals(
        List.of(List.of("first"), java.util.Arrays.asList(null, null, "a"), List.of("b", "c")),
        requests(),
        "the SDK's batch goes out as it fills, at most three spans a request");
    bridge.shutdown();
    assertEquals(List.of("d"), requests().get(3));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void heldBackEventsAreBoundedInBytes() {
    TelemetryBridge bridge = bridge(Duration.ofMinutes(1), 512);
    int sixHundredKib = 600 * 1024;
    for (String id : List.of("first", "a", "b", "c")) {
      invoke(bridge, id, sixHundredKib);
    }
    awaitBackground(bridge);
    assertEquals(
        List.of(List.of("first"), List.of("a", "b")),
        requests(),
        "a and b hold more than 1 MiB of events: they go out; c waits");
  }

  @Test
  void aScheduleDelayOfZeroFinishesEveryInvocation() {
    TelemetryBridge bridge = bridge(Duration.ZERO, 512);
    for (String id : List.of("a", "b")) {
      invoke(bridge, id, 100);
    }
    assertEquals(List.of(List.of("a"), List.of("b")), requests());
  }

  @Test
  void eachHeldBackSpanIsClassifiedFromItsOwnEvent() throws java.io.IOException {
    TelemetryBridge bridge = bridge(Duration.ofMinutes(1), 512);
    String apiGatewayEvent =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                "../sample-functions/src/main/resources/events/quote-api/normal.json"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "i" + i;
      ids.add(id);
      // events of different sizes, one after another in the held-back events' log
      String event =
          apiGatewayEvent.replace("\"path\": \"/quotes\"", "\"path\": \"/quotes/" + id + "\"")
              + " ".repeat(i * 37);
      invoke(bridge, id, event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    invoke(bridge, "large", 300 * 1024);
    bridge.shutdown();
    List<String> expected = new ArrayList<>();
    for (String id : ids) {
      expected.add(id + " /quotes/" + id);
    }
    expected.add("large null");
    synchronized (requests) {
      assertEquals(expected, paths);
    }
  }
}
