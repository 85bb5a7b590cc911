package dev.warden.handler;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Decides what is exported, and when, so that sampling never drops an alert and an alert never
 * waits.
 *
 * <ul>
 *   <li>Inside an invocation (a trace id opened with {@link #open}), ended spans are buffered until
 *       the invocation closes. If it raised an alert (marked, or any of its spans carries {@code
 *       warden.rule}) they are all exported at once. Else, if its trace was sampled, they join the
 *       batch of spans waiting to go out, else they are dropped.
 *   <li>Outside one (init, background threads, after the response), a span is exported when it ends
 *       if it is an alert span ({@code warden.rule} set), and joins the batch if it was sampled.
 *   <li>The batch goes out with the next export, or on its own once {@link #maxExportBatchSize}
 *       spans wait or {@link #scheduleDelayNanos} have passed since the last export (checked as an
 *       invocation closes: in Lambda no timer runs while the environment is frozen), or on {@link
 *       #exportPending}. An invocation without alerts right after an export so costs no export.
 * </ul>
 *
 * Exports are asynchronous (the OTLP exporters return at once and complete later); {@link
 * #inFlight()} lets the caller wait for them with a bound. Exported spans carry the current
 * resource (re-read after a SnapStart restore) and, when an alert forced their export, the sampled
 * flag.
 */
final class AlertAwareSpanProcessor implements SpanProcessor {
  /** The contract's alert key: a span that carries it is an alert span. */
  static final AttributeKey<String> WARDEN_RULE = AttributeKey.stringKey("warden.rule");

  /** Spans kept per invocation at most; alert spans are kept up to {@link #MAX_ALERT_SPANS}. */
  static final int MAX_BUFFERED_SPANS = 512;

  static final int MAX_ALERT_SPANS = 4096;

  private final ConcurrentHashMap<String, InvocationBuffer> buffers = new ConcurrentHashMap<>();
  private final Set<CompletableResultCode> inFlight = ConcurrentHashMap.newKeySet();
  private final Object exportLock = new Object();
  private final Consumer<String> warnings;
  private volatile SpanExporter exporter;
  private volatile Resource resource;
  private final long scheduleDelayNanos;
  private final int maxExportBatchSize;

  /** Spans without alerts waiting for the next export. */
  private final List<SpanData> batch = new ArrayList<>(); // guarded by exportLock

  private boolean exportedBefore; // guarded by exportLock
  private long lastExportNanos; // guarded by exportLock

  AlertAwareSpanProcessor(
      SpanExporter exporter,
      Resource resource,
      Consumer<String> warnings,
      Duration scheduleDelay,
      int maxExportBatchSize) {
    this.exporter = exporter;
    this.resource = resource;
    this.warnings = warnings;
    this.scheduleDelayNanos = scheduleDelay.toNanos();
    this.maxExportBatchSize = maxExportBatchSize;
  }

  /** Spans of one invocation, collected until it ends. */
  static final class InvocationBuffer {
    final String traceId;
    private final List<SpanData> spans = new ArrayList<>();
    private int alertSpans;
    private volatile boolean alerted;
    private boolean closed;
    private int dropped;

    InvocationBuffer(String traceId) {
      this.traceId = traceId;
    }

    void markAlert() {
      alerted = true;
    }

    boolean alerted() {
      return alerted;
    }

    /** False when the buffer is closed: the span is then handled as outside an invocation. */
    synchronized boolean add(SpanData span, boolean alert) {
      if (closed) {
        return false;
      }
      if (alert) {
        alerted = true;
        if (alertSpans >= MAX_ALERT_SPANS) {
          dropped++;
          return true;
        }
        alertSpans++;
      } else if (spans.size() - alertSpans >= MAX_BUFFERED_SPANS) {
        dropped++;
        return true;
      }
      spans.add(span);
      return true;
    }

    synchronized List<SpanData> close() {
      closed = true;
      return new ArrayList<>(spans);
    }

    synchronized int dropped() {
      return dropped;
    }
  }

  InvocationBuffer open(String traceId) {
    InvocationBuffer buffer = new InvocationBuffer(traceId);
    // a second invocation on the same trace id (a concurrent retry) takes over the key; the first
    // still holds its buffer and closes it itself
    buffers.put(traceId, buffer);
    return buffer;
  }

  /**
   * Closes an invocation's buffer: exports its spans if it raised an alert, batches them if {@code
   * sampled}, else drops them. Returns the result of the export this started (already done when it
   * started none).
   */
  CompletableResultCode close(InvocationBuffer buffer, boolean sampled) {
    buffers.remove(buffer.traceId, buffer);
    List<SpanData> spans = buffer.close();
    if (buffer.dropped() > 0) {
      warnings.accept(
          "invocation on trace "
              + buffer.traceId
              + " ended more spans than kept; "
              + buffer.dropped()
              + " dropped");
    }
    if (spans.isEmpty()) {
      return CompletableResultCode.ofSuccess();
    }
    if (buffer.alerted()) {
      return export(spans, !sampled);
    }
    return sampled ? batch(spans) : CompletableResultCode.ofSuccess();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    SpanData data = span.toSpanData();
    boolean alert = data.getAttributes().get(WARDEN_RULE) != null;
    InvocationBuffer buffer = buffers.get(data.getTraceId());
    if (buffer != null && buffer.add(data, alert)) {
      return;
    }
    boolean sampled = data.getSpanContext().isSampled();
    if (alert) {
      export(List.of(data), !sampled);
    } else if (sampled) {
      batch(List.of(data));
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /**
   * Adds sampled spans without alerts to the batch; exports it if it is full or the last export is
   * {@link #scheduleDelayNanos} old (or there was none).
   */
  private CompletableResultCode batch(List<SpanData> spans) {
    synchronized (exportLock) {
      batch.addAll(spans);
      if (!batchDue(0)) {
        return CompletableResultCode.ofSuccess();
      }
    }
    return export(List.of(), false);
  }

  /**
   * Whether the batch is due, counting {@code heldBack} more spans that wait outside it (ended
   * invocations whose spans a caller has not built yet): once {@link #maxExportBatchSize} wait, or
   * {@link #scheduleDelayNanos} after the last export, or if nothing was exported yet.
   */
  boolean batchDue(int heldBack) {
    synchronized (exportLock) {
      return batch.size() + heldBack >= maxExportBatchSize
          || !exportedBefore
          || System.nanoTime() - lastExportNanos >= scheduleDelayNanos;
    }
  }

  /** Whether {@code heldBack} spans that wait outside the batch make a full batch on their own. */
  boolean fillBatch(int heldBack) {
    return heldBack >= maxExportBatchSize;
  }

  /** Exports the batch now; returns that export's result (done if the batch was empty). */
  CompletableResultCode exportPending() {
    return export(List.of(), false);
  }

  /** Exports {@code spans}, and the batch with them. */
  private CompletableResultCode export(List<SpanData> spans, boolean forceSampledFlag) {
    Resource current = resource;
    CompletableResultCode result;
    try {
      // exporters are not required to be thread-safe; the call itself only queues the request
      synchronized (exportLock) {
        List<SpanData> out = new ArrayList<>(batch.size() + spans.size());
        for (SpanData s : batch) {
          out.add(new ExportedSpan(s, current, false)); // sampled already
        }
        batch.clear();
        for (SpanData s : spans) {
          out.add(new ExportedSpan(s, current, forceSampledFlag));
        }
        if (out.isEmpty()) {
          return CompletableResultCode.ofSuccess();
        }
        exportedBefore = true;
        lastExportNanos = System.nanoTime();
        result = exporter.export(out);
      }
    } catch (Throwable t) {
      warnings.accept("span export failed: " + t);
      return CompletableResultCode.ofFailure();
    }
    if (!result.isDone()) {
      inFlight.add(result);
      result.whenComplete(() -> inFlight.remove(result));
    }
    return result;
  }

  /** Whether an export has not completed yet. */
  boolean anyInFlight() {
    return !inFlight.isEmpty();
  }

  /** Exports not yet completed. */
  Collection<CompletableResultCode> inFlight() {
    return List.copyOf(inFlight);
  }

  /** After a SnapStart restore: a new resource, and the next span goes out at once. */
  void restored(Resource resource) {
    this.resource = resource;
    synchronized (exportLock) {
      exportedBefore = false;
    }
  }

  Resource resource() {
    return resource;
  }

  /** Swaps the exporter (SnapStart restore); returns the old one for the caller to shut down. */
  SpanExporter replaceExporter(SpanExporter replacement) {
    synchronized (exportLock) {
      SpanExporter old = exporter;
      exporter = replacement;
      return old;
    }
  }

  @Override
  public CompletableResultCode forceFlush() {
    exportPending();
    List<CompletableResultCode> all = new ArrayList<>(inFlight);
    all.add(exporter.flush());
    return CompletableResultCode.ofAll(all);
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporter.shutdown();
  }

  /** A span as exported: the current resource, and the sampled flag when an alert forced it. */
  private static final class ExportedSpan extends DelegatingSpanData {
    private final Resource resource;
    private final SpanContext spanContext;

    ExportedSpan(SpanData delegate, Resource resource, boolean forceSampledFlag) {
      super(delegate);
      this.resource = resource;
      SpanContext original = delegate.getSpanContext();
      this.spanContext =
          forceSampledFlag && !original.isSampled()
              ? SpanContext.create(
                  original.getTraceId(),
                  original.getSpanId(),
                  TraceFlags.getSampled(),
                  original.getTraceState())
              : original;
    }

    @Override
    public Resource getResource() {
      return resource;
    }

    @Override
    public SpanContext getSpanContext() {
      return spanContext;
    }
  }
}
