package dev.warden.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Drives the org.crac hooks as Lambda's SnapStart runtime does: checkpoint once, restore. */
class SnapStartTest {

  @Test
  void hooksAreRegisteredOnlyForSnapStart() {
    Map<String, String> env = new HashMap<>(Fixtures.lambdaEnv());
    try (WardenTelemetry plain = WardenTelemetry.builder(env).warnings(w -> {}).build()) {
      assertNull(plain.snapStartHooks());
    }
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    try (WardenTelemetry snap = WardenTelemetry.builder(env).warnings(w -> {}).build()) {
      assertNotNull(snap.snapStartHooks(), "held strongly by the telemetry");
    }
  }

  @Test
  void restoreRebuildsTheExporterRereadsTheEnvironmentAndRestartsColdStart() {
    InMemorySpanExporter beforeSnapshot = InMemorySpanExporter.create();
    InMemorySpanExporter afterRestore = InMemorySpanExporter.create();
    AtomicInteger exportersBuilt = new AtomicInteger();
    Map<String, String> env = new HashMap<>(Fixtures.lambdaEnv());
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    AtomicReference<Map<String, String>> currentEnv = new AtomicReference<>(Map.copyOf(env));
    WardenTelemetry telemetry =
        WardenTelemetry.builder(env)
            .environmentSupplier(currentEnv::get)
            .exporterFactory(
                () -> exportersBuilt.incrementAndGet() == 1 ? beforeSnapshot : afterRestore)
            .flushTimeout(Duration.ofSeconds(1))
            .warnings(w -> {})
            .snapStartHooks(true, false)
            .build();
    InvocationLifecycle lifecycle = new InvocationLifecycle(telemetry);
    SnapStartHooks hooks = telemetry.snapStartHooks();

    // an init-time alert, then the snapshot
    telemetry.tracer().spanBuilder("init alert").setAttribute("warden.rule", "r").startSpan().end();
    hooks.beforeCheckpoint(null);
    assertEquals(1, exportersBuilt.get());

    // the restored copy runs in a new execution environment with its own log stream
    Map<String, String> restoredEnv = new HashMap<>(env);
    restoredEnv.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/05/02/[$LATEST]restored");
    currentEnv.set(restoredEnv);
    hooks.afterRestore(null);
    assertEquals(2, exportersBuilt.get(), "a new exporter: new connections");

    lifecycle.end(lifecycle.begin(null, null, new TestContext("after-restore"), null), null);
    lifecycle.end(lifecycle.begin(null, null, new TestContext("second"), null), null);
    telemetry.flush(); // the second waits for its batch
    List<SpanData> spans = afterRestore.getFinishedSpanItems();
    assertEquals(2, spans.size());
    assertEquals(
        "2026/05/02/[$LATEST]restored",
        spans.get(0).getResource().getAttributes().get(AttributeKey.stringKey("faas.instance")));
    assertEquals(true, spans.get(0).getAttributes().get(AttributeKey.booleanKey("faas.coldstart")));
    assertEquals(
        false, spans.get(1).getAttributes().get(AttributeKey.booleanKey("faas.coldstart")));
    telemetry.close();
  }

  @Test
  void copiesOfOneSnapshotDrawDifferentIdsAfterRestore() {
    // two restored copies start from identical memory: same random state, same salt
    ReseedableIdGenerator copyA = new ReseedableIdGenerator(new SplittableRandom(7)::nextLong, 42);
    ReseedableIdGenerator copyB = new ReseedableIdGenerator(new SplittableRandom(7)::nextLong, 42);
    assertEquals(copyA.generateSpanId(), copyB.generateSpanId(), "without a reseed they repeat");

    copyA.reseed();
    copyB.reseed();
    for (int i = 0; i < 100; i++) {
      assertNotEquals(copyA.generateSpanId(), copyB.generateSpanId());
      assertNotEquals(copyA.generateTraceId(), copyB.generateTraceId());
    }
  }

  @Test
  void restoreReseedsTheGeneratorTheTracerUses() {
    // the checkpoint shuts the first exporter down; the restore builds the one that records
    AtomicReference<InMemorySpanExporter> latest = new AtomicReference<>();
    WardenTelemetry telemetry =
        WardenTelemetry.builder(Fixtures.lambdaEnv())
            .exporterFactory(
                () -> {
                  latest.set(InMemorySpanExporter.create());
                  return latest.get();
                })
            .warnings(w -> {})
            .snapStartHooks(true, false)
            .build();
    telemetry.snapStartHooks().beforeCheckpoint(null);
    telemetry.snapStartHooks().afterRestore(null);
    telemetry.tracer().spanBuilder("a").setAttribute("warden.rule", "r").startSpan().end();
    telemetry.tracer().spanBuilder("b").setAttribute("warden.rule", "r").startSpan().end();
    assertTrue(telemetry.flush());
    List<SpanData> spans = latest.get().getFinishedSpanItems();
    assertEquals(2, spans.size());
    assertNotEquals(spans.get(0).getTraceId(), spans.get(1).getTraceId());
    assertEquals(1, telemetry.restores());
    telemetry.close();
  }
}
