package dev.warden.agent.telemetry;

import dev.warden.agent.alert.AgentLog;
import dev.warden.agent.alert.AlertListener;
import dev.warden.agent.lambda.InvocationFacts;
import dev.warden.agent.lambda.InvocationObserver;
import dev.warden.agent.model.Alert;
import dev.warden.handler.Invocation;
import dev.warden.handler.InvocationLifecycle;
import dev.warden.handler.InvocationRequest;
import dev.warden.handler.WardenTelemetry;
import io.opentelemetry.context.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Connects the agent to the OpenTelemetry pipeline of {@code handler-wrapper}: each invocation of
 * the handler gets its span, each alert a child span of it (or a span of its own outside an
 * invocation). The SDK and exporter are built off the critical path, on an agent thread started at
 * premain; the first invocation waits for them at most {@link #READY_WAIT_MILLIS}, and alerts
 * raised before they are ready are kept (up to {@link #EARLY_ALERTS}) and exported once they are.
 */
public final class TelemetryBridge implements InvocationObserver, AlertListener {
  static final long READY_WAIT_MILLIS = 2_000;
  static final int EARLY_ALERTS = 256;

  private final CompletableFuture<InvocationLifecycle> lifecycle;
  private final String agentVersion;
  private final Deque<Alert> earlyAlerts = new ArrayDeque<>();
  private volatile Invocation current;

  /** Invocations whose handler returned, to finish once the response is out (see settle). */
  private final Queue<Ended> unsettled = new ConcurrentLinkedQueue<>();

  private record Ended(Invocation invocation, Throwable thrown, long nanoTime) {}

  private TelemetryBridge(CompletableFuture<InvocationLifecycle> lifecycle, String agentVersion) {
    this.lifecycle = lifecycle;
    this.agentVersion = agentVersion;
  }

  /**
   * Starts building the telemetry on a new thread, which {@code markAgentThread} must mark as the
   * agent's own (its exporter's sockets and the HTTP client's threads inherit that).
   */
  public static TelemetryBridge startInBackground(
      Map<String, String> environment, Runnable markAgentThread, String agentVersion) {
    CompletableFuture<InvocationLifecycle> ready = new CompletableFuture<>();
    TelemetryBridge bridge = new TelemetryBridge(ready, agentVersion);
    Thread builder =
        new Thread(
            () -> {
              markAgentThread.run();
              try {
                ExportLogRouting.install();
                WardenTelemetry telemetry =
                    WardenTelemetry.builder(environment)
                        .exportThreads(
                            work -> {
                              Thread exporting =
                                  new Thread(
                                      () -> {
                                        markAgentThread.run();
                                        work.run();
                                      },
                                      "warden-export");
                              exporting.setDaemon(true);
                              return exporting;
                            })
                        .warnings(AgentLog::warn)
                        .events(AgentLog::info)
                        .build();
                InvocationLifecycle lifecycle = new InvocationLifecycle(telemetry);
                ready.complete(lifecycle);
                bridge.exportEarlyAlerts();
                long rehearsalStart = System.nanoTime();
                lifecycle.rehearse();
                AgentLog.info(
                    "telemetry ready; invocation path rehearsed in "
                        + (System.nanoTime() - rehearsalStart) / 1_000_000
                        + " ms");
              } catch (Throwable failed) {
                AgentLog.warn(
                    "OpenTelemetry export disabled, alerts go to the log only: " + failed);
                ready.completeExceptionally(failed);
              }
            },
            "warden-telemetry-init");
    builder.setDaemon(true);
    builder.start();
    return bridge;
  }

  @Override
  public Object begin(byte[] eventJson, Object event, InvocationFacts facts) {
    InvocationLifecycle ready = awaitReady();
    if (ready == null) {
      return null;
    }
    Invocation invocation =
        ready.begin(
            eventJson,
            event,
            new InvocationRequest(
                facts.requestId(), null, facts.invokedFunctionArn(), facts.traceHeader()));
    current = invocation;
    return invocation;
  }

  @Override
  public void end(Object begun, Throwable thrown, boolean settleLater) {
    if (!(begun instanceof Invocation)) {
      return;
    }
    current = null;
    InvocationLifecycle ready = lifecycle.getNow(null);
    if (ready == null) {
      return;
    }
    if (settleLater) {
      // The response goes out first; the span ends at this instant all the same.
      unsettled.add(new Ended((Invocation) begun, thrown, System.nanoTime()));
    } else {
      ready.end((Invocation) begun, thrown);
    }
  }

  @Override
  public void settle() {
    InvocationLifecycle ready = lifecycle.getNow(null);
    if (ready == null) {
      return;
    }
    for (Ended ended = unsettled.poll(); ended != null; ended = unsettled.poll()) {
      ready.endWithoutWaiting(ended.invocation, ended.thrown, ended.nanoTime);
    }
    ready.telemetry().flush();
  }

  @Override
  public void onAlert(Alert alert) {
    InvocationLifecycle ready = lifecycle.getNow(null);
    if (ready == null) {
      synchronized (earlyAlerts) {
        if (!lifecycle.isDone()) {
          if (earlyAlerts.size() < EARLY_ALERTS) {
            earlyAlerts.add(alert);
          }
          return;
        }
      }
      ready = lifecycle.getNow(null);
      if (ready == null) {
        return;
      }
    }
    export(ready, alert);
  }

  /** Finishes and flushes what is pending, bounded; at JVM exit. */
  public void shutdown() {
    settle();
  }

  private void export(InvocationLifecycle ready, Alert alert) {
    Invocation invocation = current;
    if (invocation != null
        && alert.invocationId() != null
        && alert.invocationId().equals(invocation.invocationId())) {
      invocation.markAlert();
      AlertSpans.record(ready.telemetry().tracer(), invocation.context(), alert, agentVersion);
    } else {
      AlertSpans.record(ready.telemetry().tracer(), Context.root(), alert, agentVersion);
    }
  }

  private void exportEarlyAlerts() {
    InvocationLifecycle ready = lifecycle.getNow(null);
    synchronized (earlyAlerts) {
      while (!earlyAlerts.isEmpty()) {
        export(ready, earlyAlerts.poll());
      }
    }
  }

  private InvocationLifecycle awaitReady() {
    try {
      return lifecycle.get(READY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception notReady) {
      return null;
    }
  }
}
