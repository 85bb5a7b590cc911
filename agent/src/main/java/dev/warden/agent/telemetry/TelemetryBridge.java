package dev.warden.agent.telemetry;

import dev.warden.agent.alert.AgentLog;
import dev.warden.agent.alert.AgentLogConsumer;
import dev.warden.agent.alert.AlertListener;
import dev.warden.agent.lambda.InvocationFacts;
import dev.warden.agent.lambda.InvocationObserver;
import dev.warden.agent.model.Alert;
import dev.warden.handler.Invocation;
import dev.warden.handler.InvocationLifecycle;
import dev.warden.handler.InvocationRequest;
import dev.warden.handler.WardenTelemetry;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Connects the agent to the OpenTelemetry pipeline of {@code handler-wrapper}: each invocation of
 * the handler gets its span, each alert a child span of it (or a span of its own outside an
 * invocation). The SDK and exporter are built off the critical path (see {@link Start}); alerts
 * raised before they are ready are kept (up to {@link #EARLY_ALERTS}) and exported once they are,
 * and nothing waits for them longer than {@link #READY_WAIT_MILLIS}.
 *
 * <p>The handler's entry only notes what the invocation's span needs (event, identity, start time):
 * the span itself is opened at the invocation's first alert, which needs it as a parent, or else
 * after the response. When the runtime client is seen asking for its next event (see {@link
 * InvocationObserver#end}), an invocation with an alert is finished on the {@link
 * InvocationFinisher}'s thread while the runtime posts the response, and {@link #settle} waits for
 * it before that request. One without alerts is held back, span not even built, until its batch is
 * due (as the SDK's batching would export it: {@code OTEL_BSP_*}), then finished with the others
 * held back: most invocations cost the telemetry nothing after their handler returns.
 *
 * <p>A batch due because it is full (hundreds of spans to build and encode) is finished in the
 * background, while the next invocations run: no request for an event waits for it to be built,
 * only, as for any export, for its export if that is under way then.
 */
public final class TelemetryBridge implements InvocationObserver, AlertListener {
  static final long READY_WAIT_MILLIS = 2_000;
  static final int EARLY_ALERTS = 256;

  /** Raw event bytes held back at most, over all held-back invocations. */
  static final long MAX_HELD_BACK_EVENT_BYTES = 1 << 20;

  private final Supplier<InvocationLifecycle> build;
  private final AtomicBoolean building = new AtomicBoolean();
  private final CompletableFuture<InvocationLifecycle> lifecycle = new CompletableFuture<>();
  private final String agentVersion;
  private final Deque<Alert> earlyAlerts = new ArrayDeque<>();
  private final InvocationFinisher finisher;
  private volatile OpenInvocation current;

  /** Ended invocations without alerts whose spans wait for their batch to be due. */
  private final List<Ended> heldBack = new ArrayList<>(); // guarded by itself

  private long heldBackEventBytes; // guarded by heldBack

  /** The raw events of {@link #heldBack}; and one a finished batch gave back, for the next. */
  private EventLog heldBackEvents = new EventLog(MAX_HELD_BACK_EVENT_BYTES); // guarded by heldBack

  private EventLog spareEvents; // guarded by heldBack

  /** The last invoked function ARN seen: the next invocation's, if equal, shares it. */
  private volatile String lastFunctionArn;

  /** Whether an invocation was handed to the finisher yet: the first builds the telemetry. */
  private boolean handedOverBefore; // guarded by heldBack

  /** Full batches handed to the background and not finished yet. */
  private int batchesInBackground; // guarded by heldBack

  private TelemetryBridge(
      Supplier<InvocationLifecycle> build, String agentVersion, InvocationFinisher finisher) {
    this.build = build;
    this.agentVersion = agentVersion;
    this.finisher = finisher;
  }

  /** An invocation as it ended, its span still to be built. */
  private record Ended(OpenInvocation invocation, Throwable thrown, long endNanoTime) {}

  /** Ended invocations taken for finishing together, and the log that holds their events. */
  private record Batch(List<Ended> ended, EventLog events) {}

  /** An invocation as its handler's entry saw it; its span is opened when first needed. */
  private static final class OpenInvocation {
    final Object event;
    final int eventSize;
    final InvocationRequest request;
    final long startNanoTime;
    private byte[] eventJson; // guarded by this; null once moved to a log
    private EventLog log; // guarded by this
    private int eventAt; // guarded by this
    private int eventLength; // guarded by this
    private Invocation span; // guarded by this

    OpenInvocation(byte[] eventJson, Object event, int eventSize, InvocationRequest request) {
      this.eventJson = eventJson;
      this.event = event;
      this.eventSize = eventSize;
      this.request = request;
      this.startNanoTime = System.nanoTime();
    }

    /** Whether an alert opened its span. */
    synchronized boolean alerted() {
      return span != null;
    }

    /**
     * Held back: its raw event moves into the batch's log (if there is room), so that what stays of
     * it until the batch is due is small.
     */
    synchronized void moveEventTo(EventLog events) {
      if (eventJson != null && span == null) {
        int at = events.append(eventJson);
        if (at >= 0) {
          log = events;
          eventAt = at;
          eventLength = eventJson.length;
          eventJson = null;
        }
      }
    }

    synchronized Invocation span(InvocationLifecycle lifecycle) {
      if (span == null) {
        byte[] raw = log != null ? log.copy(eventAt, eventLength) : eventJson;
        span = lifecycle.beganAt(raw, event, request, startNanoTime);
        eventJson = null;
        log = null;
      }
      return span;
    }
  }

  /** When the SDK and exporter are built. */
  public enum Start {
    /** On a background thread from premain: outside Lambda, where alerts may come any time. */
    IN_BACKGROUND,
    /**
     * On a background thread from premain, then the invocation path is rehearsed on throwaway
     * telemetry: with SnapStart, where init is done once and snapshotted, so that a restored copy's
     * first invocation finds it all loaded.
     */
    IN_BACKGROUND_AND_REHEARSE,
    /**
     * When first needed: by the first invocation after its response, by an alert inside an
     * invocation, or before the environment may freeze with alerts raised during init. A function
     * launched on demand then answers its first request before paying for the SDK.
     */
    WHEN_FIRST_NEEDED
  }

  /**
   * Prepares the telemetry; the threads that build it and export are marked as the agent's own by
   * {@code markAgentThread} (its exporter's sockets are then never judged).
   */
  public static TelemetryBridge start(
      Map<String, String> environment, Runnable markAgentThread, String agentVersion, Start start) {
    TelemetryBridge bridge =
        new TelemetryBridge(
            new TelemetryBuild(environment, markAgentThread),
            agentVersion,
            new InvocationFinisher(markAgentThread));
    if (start != Start.WHEN_FIRST_NEEDED) {
      Thread builder =
          new Thread(new BackgroundStart(bridge, markAgentThread, start), "warden-telemetry-init");
      builder.setDaemon(true);
      builder.start();
    }
    return bridge;
  }

  /** A bridge over the given telemetry, finishing on a thread of its own: for tests. */
  static TelemetryBridge over(InvocationLifecycle lifecycle) {
    return over(lifecycle, new InvocationFinisher(new MarkNothing()));
  }

  /** A bridge over the given telemetry and finisher: for tests. */
  static TelemetryBridge over(InvocationLifecycle lifecycle, InvocationFinisher finisher) {
    return new TelemetryBridge(new Built(lifecycle), "test", finisher);
  }

  private static InvocationLifecycle build(
      Map<String, String> environment, Runnable markAgentThread) {
    long buildStart = System.nanoTime();
    ExportLogRouting.install();
    WardenTelemetry telemetry =
        WardenTelemetry.builder(environment)
            .exportThreads(new ExportThreads(markAgentThread))
            .warnings(AgentLogConsumer.WARN)
            .events(AgentLogConsumer.INFO)
            .build();
    AgentLog.info("telemetry ready in " + (System.nanoTime() - buildStart) / 1_000_000 + " ms");
    return new InvocationLifecycle(telemetry);
  }

  /**
   * The telemetry, built on this thread if nobody has started to; waits at most {@link
   * #READY_WAIT_MILLIS} for another thread's build. Null if it failed or is not ready in time.
   */
  private InvocationLifecycle ready() {
    if (building.compareAndSet(false, true)) {
      try {
        lifecycle.complete(build.get());
      } catch (Throwable failed) {
        AgentLog.warn("OpenTelemetry export disabled, alerts go to the log only: " + failed);
        lifecycle.completeExceptionally(failed);
      }
      exportEarlyAlerts();
    }
    try {
      return lifecycle.get(READY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception notReady) {
      return null;
    }
  }

  /** The telemetry if it is built, else null (not yet, or it failed). */
  private InvocationLifecycle readyNow() {
    return lifecycle.isDone() && !lifecycle.isCompletedExceptionally()
        ? lifecycle.getNow(null)
        : null;
  }

  @Override
  public Object begin(byte[] eventJson, Object event, int eventSize, InvocationFacts facts) {
    if (lifecycle.isCompletedExceptionally()) {
      return null;
    }
    String functionArn = facts.invokedFunctionArn();
    String last = lastFunctionArn;
    if (functionArn != null && functionArn.equals(last)) {
      functionArn = last; // one copy of it for all the invocations held back
    } else {
      lastFunctionArn = functionArn;
    }
    OpenInvocation invocation =
        new OpenInvocation(
            eventJson,
            event,
            eventSize,
            new InvocationRequest(facts.requestId(), null, functionArn, facts.traceHeader()));
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
      Batch due;
      boolean inBackground;
      boolean alerted = invocation.alerted();
      synchronized (heldBack) {
        if (!alerted) {
          invocation.moveEventTo(heldBackEvents);
        }
        heldBack.add(new Ended(invocation, thrown, endNanoTime));
        heldBackEventBytes += invocation.eventSize;
        // The SDK's batching rule decides (OTEL_BSP_*); until it is built, invocations wait,
        // except the first, whose finishing builds it.
        InvocationLifecycle ready = readyNow();
        boolean full =
            (ready != null && ready.telemetry().fillBatch(heldBack.size()))
                || heldBackEventBytes > MAX_HELD_BACK_EVENT_BYTES;
        // While the background adds a full batch's spans to the SDK's batch, its rule would count
        // them: only a full batch of the invocations held back since is due then.
        boolean batchDue =
            full
                || !handedOverBefore
                || (batchesInBackground == 0
                    && ready != null
                    && ready.telemetry().batchDue(heldBack.size()));
        if (!alerted && !batchDue) {
          return;
        }
        // A batch due by time is small and goes out before the next request, so that a function
        // called now and then shows each invocation soon; a full one is finished meanwhile.
        inBackground = !alerted && full && handedOverBefore;
        if (inBackground) {
          batchesInBackground++;
        }
        due = takeHeldBack();
        handedOverBefore = true;
      }
      if (inBackground) {
        finisher.handOverInBackground(new BackgroundFinishing(due));
      } else {
        // An alert's export takes the batch along; else the batch goes out on its own.
        finisher.handOver(new Finishing(due, !alerted));
      }
    } else {
      InvocationLifecycle ready = ready();
      if (ready != null) {
        ready.end(invocation.span(ready), thrown);
      }
    }
  }

  @Override
  public void settle() {
    // First called as the init ends: the finisher's thread starts then, not on a response path.
    finisher.start();
    finishAndFlush(false);
  }

  /** Waits for everything handed to the finisher, the background's batches too: for tests. */
  boolean awaitFinisher(Duration timeout) {
    return finisher.awaitAllFinished(timeout.toNanos());
  }

  /** Finishes and flushes what is pending, the batch included, bounded; at JVM exit. */
  public void shutdown() {
    Batch rest;
    synchronized (heldBack) {
      rest = takeHeldBack();
    }
    if (!rest.ended().isEmpty()) {
      finisher.handOver(new Finishing(rest, false));
    }
    finishAndFlush(true);
  }

  private Batch takeHeldBack() {
    Batch taken = new Batch(new ArrayList<>(heldBack), heldBackEvents);
    heldBack.clear();
    heldBackEventBytes = 0;
    heldBackEvents = spareEvents != null ? spareEvents : new EventLog(MAX_HELD_BACK_EVENT_BYTES);
    spareEvents = null;
    return taken;
  }

  /** Builds and ends the spans of the batch, in order; then exports the SDK's batch if asked. */
  private void finish(Batch batch, boolean exportBatch) {
    try {
      InvocationLifecycle ready = ready();
      if (ready == null) {
        return;
      }
      List<Ended> ended = batch.ended();
      for (int i = 0; i < ended.size(); i++) {
        // Taken out of the batch as it is finished: only its span's data waits for the export.
        Ended e = ended.set(i, null);
        ready.endWithoutWaiting(e.invocation().span(ready), e.thrown(), e.endNanoTime());
      }
      if (exportBatch) {
        ready.telemetry().exportBatch();
      }
    } finally {
      batch.events().clear();
      synchronized (heldBack) {
        if (spareEvents == null) {
          spareEvents = batch.events();
        }
      }
    }
  }

  /** A full batch of invocations without alerts, finished while the next invocations run. */
  private void finishInBackground(Batch batch) {
    try {
      finish(batch, true);
    } finally {
      synchronized (heldBack) {
        batchesInBackground--;
      }
    }
  }

  /**
   * Waits for the finisher and the exports it started; with {@code batchToo}, exports the spans of
   * invocations without alerts that wait for their batch, too.
   */
  private void finishAndFlush(boolean batchToo) {
    boolean alertsWaiting;
    synchronized (earlyAlerts) {
      alertsWaiting = !earlyAlerts.isEmpty();
    }
    if (alertsWaiting) {
      ready(); // builds the telemetry if nothing needed it before, and exports them
    }
    InvocationLifecycle ready = readyNow();
    long finishing =
        ready != null
            ? ready.telemetry().flushTimeout().toNanos()
            : TimeUnit.MILLISECONDS.toNanos(READY_WAIT_MILLIS);
    finisher.awaitFinished(finishing);
    ready = readyNow();
    if (ready != null) {
      if (batchToo) {
        ready.telemetry().flush();
      } else {
        ready.telemetry().awaitExports();
      }
    }
  }

  @Override
  public void onAlert(Alert alert) {
    InvocationLifecycle ready = readyNow();
    if (ready == null && inCurrentInvocation(alert)) {
      // Its span is the alert span's parent: wait for the SDK, as the invocation would have.
      ready = ready();
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
      ready = readyNow();
      if (ready == null) {
        return;
      }
    }
    export(ready, alert);
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
    InvocationLifecycle ready = readyNow();
    synchronized (earlyAlerts) {
      while (!earlyAlerts.isEmpty()) {
        Alert alert = earlyAlerts.poll();
        if (ready != null) {
          export(ready, alert);
        }
      }
    }
  }

  private static final class TelemetryBuild implements Supplier<InvocationLifecycle> {
    private final Map<String, String> environment;
    private final Runnable markAgentThread;

    TelemetryBuild(Map<String, String> environment, Runnable markAgentThread) {
      this.environment = environment;
      this.markAgentThread = markAgentThread;
    }

    @Override
    public InvocationLifecycle get() {
      return build(environment, markAgentThread);
    }
  }

  private static final class Built implements Supplier<InvocationLifecycle> {
    private final InvocationLifecycle lifecycle;

    Built(InvocationLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public InvocationLifecycle get() {
      return lifecycle;
    }
  }

  private static final class MarkNothing implements Runnable {
    @Override
    public void run() {}
  }

  private static final class BackgroundStart implements Runnable {
    private final TelemetryBridge bridge;
    private final Runnable markAgentThread;
    private final Start start;

    BackgroundStart(TelemetryBridge bridge, Runnable markAgentThread, Start start) {
      this.bridge = bridge;
      this.markAgentThread = markAgentThread;
      this.start = start;
    }

    @Override
    public void run() {
      markAgentThread.run();
      InvocationLifecycle ready = bridge.ready();
      if (ready != null && start == Start.IN_BACKGROUND_AND_REHEARSE) {
        long rehearsalStart = System.nanoTime();
        ready.rehearse();
        AgentLog.info(
            "invocation path rehearsed in "
                + (System.nanoTime() - rehearsalStart) / 1_000_000
                + " ms");
      }
    }
  }

  private static final class ExportThreads implements ThreadFactory {
    private final Runnable markAgentThread;

    ExportThreads(Runnable markAgentThread) {
      this.markAgentThread = markAgentThread;
    }

    @Override
    public Thread newThread(Runnable work) {
      Thread exporting = new Thread(new Exporting(markAgentThread, work), "warden-export");
      exporting.setDaemon(true);
      return exporting;
    }
  }

  private static final class Exporting implements Runnable {
    private final Runnable markAgentThread;
    private final Runnable work;

    Exporting(Runnable markAgentThread, Runnable work) {
      this.markAgentThread = markAgentThread;
      this.work = work;
    }

    @Override
    public void run() {
      markAgentThread.run();
      work.run();
    }
  }

  private final class Finishing implements Runnable {
    private final Batch batch;
    private final boolean exportBatch;

    Finishing(Batch batch, boolean exportBatch) {
      this.batch = batch;
      this.exportBatch = exportBatch;
    }

    @Override
    public void run() {
      finish(batch, exportBatch);
    }
  }

  private final class BackgroundFinishing implements Runnable {
    private final Batch batch;

    BackgroundFinishing(Batch batch) {
      this.batch = batch;
    }

    @Override
    public void run() {
      finishInBackground(batch);
    }
  }
}
