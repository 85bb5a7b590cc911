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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connects the agent to the OpenTelemetry pipeline of {@code handler-wrapper}: each invocation of
 * the handler gets its span, each alert a child span of it (or a span of its own outside an
 * invocation). The SDK and exporter are built off the critical path, on an agent thread started at
 * premain; alerts raised before they are ready are kept (up to {@link #EARLY_ALERTS}) and exported
 * once they are, and nothing waits for them longer than {@link #READY_WAIT_MILLIS}.
 *
 * <p>The handler's entry only notes what the invocation's span needs (event, identity, start time):
 * the span itself is opened at the invocation's first alert, which needs it as a parent, or else
 * after the response. When the runtime client is seen asking for its next event (see {@link
 * InvocationObserver#end}), an invocation is finished on the {@link InvocationFinisher}'s thread
 * while the runtime posts the response, and {@link #settle} waits for it before that request.
 */
public final class TelemetryBridge implements InvocationObserver, AlertListener {
  static final long READY_WAIT_MILLIS = 2_000;
  static final int EARLY_ALERTS = 256;

  private final CompletableFuture<InvocationLifecycle> lifecycle;
  private final String agentVersion;
  private final Deque<Alert> earlyAlerts = new ArrayDeque<>();
  private final InvocationFinisher finisher;
  private volatile OpenInvocation current;

  private TelemetryBridge(
      CompletableFuture<InvocationLifecycle> lifecycle,
      String agentVersion,
      InvocationFinisher finisher) {
    this.lifecycle = lifecycle;
    this.agentVersion = agentVersion;
    this.finisher = finisher;
  }

  /** An invocation as its handler's entry saw it; its span is opened when first needed. */
  private static final class OpenInvocation {
    final byte[] eventJson;
    final Object event;
    final InvocationRequest request;
    final long startNanoTime;
    private Invocation span; // guarded by this

    OpenInvocation(byte[] eventJson, Object event, InvocationRequest request) {
      this.eventJson = eventJson;
      this.event = event;
      this.request = request;
      this.startNanoTime = System.nanoTime();
    }

    synchronized Invocation span(InvocationLifecycle lifecycle) {
      if (span == null) {
        span = lifecycle.beganAt(eventJson, event, request, startNanoTime);
      }
      return span;
    }
  }

  /**
   * Starts building the telemetry on a new thread, which {@code markAgentThread} must mark as the
   * agent's own (its exporter's sockets and the HTTP client's threads inherit that).
   */
  public static TelemetryBridge startInBackground(
      Map<String, String> environment, Runnable markAgentThread, String agentVersion) {
    CompletableFuture<InvocationLifecycle> ready = new CompletableFuture<>();
    TelemetryBridge bridge =
        new TelemetryBridge(ready, agentVersion, InvocationFinisher.start(markAgentThread));
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
    if (lifecycle.isCompletedExceptionally()) {
      return null;
    }
    OpenInvocation invocation =
        new OpenInvocation(
            eventJson,
            event,
            new InvocationRequest(
                facts.requestId(), null, facts.invokedFunctionArn(), facts.traceHeader()));
    current = invocation;
    return invocation;
  }

  @Override
  public void end(Object begun, Throwable thrown, boolean settleLater) {
    if (!(begun instanceof OpenInvocation)) {
      return;
    }
    current = null;
    OpenInvocation invocation = (OpenInvocation) begun;
    long endNanoTime = System.nanoTime();
    if (settleLater) {
      finisher.handOver(
          () -> {
            InvocationLifecycle ready = awaitReady();
            if (ready != null) {
              ready.endWithoutWaiting(invocation.span(ready), thrown, endNanoTime);
            }
          });
    } else {
      InvocationLifecycle ready = awaitReady();
      if (ready != null) {
        ready.end(invocation.span(ready), thrown);
      }
    }
  }

  @Override
  public void settle() {
    InvocationLifecycle ready = lifecycle.getNow(null);
    long finishing =
        ready != null
            ? ready.telemetry().flushTimeout().toNanos()
            : TimeUnit.MILLISECONDS.toNanos(READY_WAIT_MILLIS);
    finisher.awaitFinished(finishing);
    ready = lifecycle.getNow(null);
    if (ready != null) {
      ready.telemetry().flush();
    }
  }

  @Override
  public void onAlert(Alert alert) {
    InvocationLifecycle ready = lifecycle.getNow(null);
    if (ready == null && inCurrentInvocation(alert)) {
      // Its span is the alert span's parent: wait for the SDK, as the invocation would have.
      ready = awaitReady();
      if (ready == null) {
        return; // telemetry failed; the alert is in the JSON log
      }
    }
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

  private boolean inCurrentInvocation(Alert alert) {
    OpenInvocation open = current;
    return open != null
        && alert.invocationId() != null
        && alert.invocationId().equals(open.request.requestId());
  }

  private void export(InvocationLifecycle ready, Alert alert) {
    OpenInvocation open = current;
    if (open != null && inCurrentInvocation(alert)) {
      Invocation invocation = open.span(ready);
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
