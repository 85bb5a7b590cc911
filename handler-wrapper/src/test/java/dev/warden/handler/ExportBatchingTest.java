package dev.warden.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When spans leave: an invocation with an alert at once, with everything that waits; sampled ones
 * without alerts in a batch, at most once every {@code OTEL_BSP_SCHEDULE_DELAY} or once {@code
 * OTEL_BSP_MAX_EXPORT_BATCH_SIZE} wait.
 */
class ExportBatchingTest {
  private final Requests requests = new Requests();
  private WardenTelemetry telemetry;
  private InvocationLifecycle lifecycle;

  /** Each export call, as the request the exporter would send: the invocation ids in it. */
  static final class Requests implements SpanExporter {
    final List<List<String>> sent = new ArrayList<>();

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
      sent.add(
          spans.stream()
              .map(s -> s.getAttributes().get(AttributeKey.stringKey("faas.invocation_id")))
              .toList());
      return CompletableResultCode.ofSuccess();
    }

    synchronized List<List<String>> sent() {
      return List.copyOf(sent);
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private void start(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(Fixtures.lambdaEnv());
    env.putAll(settings);
    telemetry =
        WardenTelemetry.builder(env)
            .exporterFactory(() -> requests)
            .flushTimeout(Duration.ofSeconds(1))
            .warnings(w -> {})
            .build();
    lifecycle = new InvocationLifecycle(telemetry);
  }

  @AfterEach
  void close() {
    if (telemetry != null) {
      telemetry.close();
    }
  }

  private void quiet(String id) {
    lifecycle.end(lifecycle.begin(null, null, new TestContext(id), Fixtures.XRAY_SAMPLED), null);
  }

  private void alerted(String id) {
    Invocation invocation = lifecycle.begin(null, null, new TestContext(id), Fixtures.XRAY_SAMPLED);
    invocation.markAlert();
    lifecycle.end(invocation, null);
  }

  @Test
  void theFirstGoesOutAtOnceThenQuietOnesWaitForTheNextAlert() {
    start(Map.of());
    quiet("first");
    quiet("q1");
    quiet("q2");
    assertEquals(List.of(List.of("first")), requests.sent(), "q1 and q2 wait");
    telemetry.awaitExports();
    assertEquals(1, requests.sent().size(), "waiting for started exports sends no batch");
    alerted("alert");
    assertEquals(
        List.of(List.of("first"), List.of("q1", "q2", "alert")),
        requests.sent(),
        "the alert goes out at once, the batch with it, in one request");
  }

  @Test
  void aFullBatchGoesOut() {
    start(Map.of("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "3"));
    for (String id : List.of("first", "a", "b", "c", "d")) {
      quiet(id);
    }
    assertEquals(List.of(List.of("first"), List.of("a", "b", "c")), requests.sent());
  }

  @Test
  void theBatchGoesOutOnceTheScheduleDelayHasPassedSinceTheLastExport() throws Exception {
    start(Map.of("OTEL_BSP_SCHEDULE_DELAY", "200"));
    quiet("first");
    quiet("a");
    assertEquals(1, requests.sent().size(), "a came within the delay: it waits");
    Thread.sleep(250);
    quiet("b");
    assertEquals(List.of(List.of("first"), List.of("a", "b")), requests.sent());
  }

  @Test
  void aScheduleDelayOfZeroExportsEveryInvocation() {
    start(Map.of("OTEL_BSP_SCHEDULE_DELAY", "0"));
    quiet("a");
    quiet("b");
    assertEquals(List.of(List.of("a"), List.of("b")), requests.sent());
  }

  @Test
  void flushSendsTheBatchAndClosingDoesToo() {
    start(Map.of());
    quiet("first");
    quiet("a");
    assertTrue(telemetry.flush());
    assertEquals(List.of(List.of("first"), List.of("a")), requests.sent());
    quiet("b");
    telemetry.close();
    telemetry = null;
    assertEquals(List.of(List.of("first"), List.of("a"), List.of("b")), requests.sent());
  }

  @Test
  void unsampledInvocationsWithoutAlertsNeverJoinTheBatch() {
    start(Map.of());
    quiet("first");
    lifecycle.end(
        lifecycle.begin(null, null, new TestContext("unsampled"), Fixtures.XRAY_UNSAMPLED), null);
    telemetry.flush();
    assertEquals(List.of(List.of("first")), requests.sent());
  }
}
