package dev.warden.handler;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Warden's own OpenTelemetry tracing, configured from the standard {@code OTEL_*} variables and
 * Lambda's {@code AWS_*} ones. It is a private {@link SdkTracerProvider}: it never reads or sets
 * {@code GlobalOpenTelemetry}, so it coexists with a function, an OpenTelemetry Java agent or an
 * ADOT layer that own theirs.
 *
 * <p>Exports go out over OTLP http/protobuf with the JDK HttpClient, with one timeout for connect
 * and request ({@code OTEL_EXPORTER_OTLP_TIMEOUT}, default 1000 ms) and no retries. {@link
 * #flush()} waits at most that long, then returns; nothing here throws because a collector is down,
 * refuses or hangs.
 *
 * <p>Every span is recorded; the configured sampler only decides which invocations without alerts
 * are exported. A span carrying {@code warden.rule} (an alert span) is always exported, and so is
 * every span of an invocation that raised an alert. See {@link InvocationLifecycle}.
 *
 * <p>With {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, checkpoint/restore hooks are
 * registered with {@code org.crac}: before the snapshot pending spans are flushed and the exporter
 * closed; after each restore the id generator is reseeded, a new exporter (new connections) is
 * built, and the resource (e.g. {@code faas.instance}) is re-read from the environment supplier.
 */
public final class WardenTelemetry implements AutoCloseable {
  static final String INSTRUMENTATION_SCOPE = "dev.warden";

  /** How long an invocation waits for its spans while the collector is known to be slow. */
  static final Duration SLOW_COLLECTOR_WAIT = Duration.ofMillis(5);

  private final Supplier<Map<String, String>> environment;
  private final Consumer<String> warnings;
  private final Consumer<String> events;
  private final Supplier<SpanExporter> exporterFactory;
  private final ReseedableIdGenerator idGenerator;
  private final AlertAwareSpanProcessor processor;
  private final SdkTracerProvider tracerProvider;
  private final Tracer tracer;
  private final Duration flushTimeout;
  private final ThreadFactory exportThreads;

  /**
   * Set when an export failed or did not finish within {@link #flushTimeout}, cleared by the next
   * export that succeeds: meanwhile an invocation waits at most {@link #SLOW_COLLECTOR_WAIT} for
   * its spans, so a collector that hangs costs one invocation the timeout and the following ones a
   * few milliseconds. Spans still go out, on the export thread, when the collector answers.
   */
  private volatile boolean collectorSlow;

  private final AtomicInteger restores = new AtomicInteger();
  // held strongly: org.crac keeps registered resources only weakly
  private final SnapStartHooks snapStartHooks;
  private volatile TelemetryConfig config;

  private WardenTelemetry(Builder b) {
    this.environment = b.environment;
    this.warnings = b.warnings;
    this.events = b.events;
    this.exportThreads = b.exportThreads;
    this.config = new TelemetryConfig(environment.get(), warnings, exportThreads);
    this.exporterFactory =
        b.exporterFactory != null ? b.exporterFactory : () -> config.newExporter();
    this.flushTimeout = b.flushTimeout != null ? b.flushTimeout : config.timeout();
    this.idGenerator = new ReseedableIdGenerator();
    Resource resource = config.resource();
    this.processor =
        new AlertAwareSpanProcessor(
            exporterFactory.get(),
            resource,
            warnings,
            config.scheduleDelay(),
            config.maxExportBatchSize());
    Sampler sampler = b.sampler != null ? b.sampler : config.sampler();
    this.tracerProvider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setIdGenerator(idGenerator)
            .setSampler(new RecordingSampler(sampler))
            .addSpanProcessor(processor)
            .build();
    this.tracer = tracerProvider.get(INSTRUMENTATION_SCOPE);
    boolean snapStart =
        b.snapStartHooks != null
            ? b.snapStartHooks
            : "snap-start".equals(config.value("AWS_LAMBDA_INITIALIZATION_TYPE"));
    this.snapStartHooks = snapStart ? new SnapStartHooks(this) : null;
    if (snapStartHooks != null && b.registerWithCrac) {
      snapStartHooks.register();
    }
  }

  /** Telemetry configured from this environment (pass {@code System.getenv()} at the entry). */
  public static WardenTelemetry create(Map<String, String> environment) {
    return builder(environment).build();
  }

  /**
   * Whether the batch of spans without alerts is due (see {@link #awaitExports()}), counting {@code
   * heldBack} more that a caller holds back before they reach the SDK: a caller that builds an
   * invocation's span only once its batch is due asks here, so that one rule decides.
   */
  public boolean batchDue(int heldBack) {
    return processor.batchDue(heldBack);
  }

  /**
   * Whether {@code heldBack} spans that a caller holds back make a full batch on their own ({@code
   * OTEL_BSP_MAX_EXPORT_BATCH_SIZE}).
   */
  public boolean fillBatch(int heldBack) {
    return processor.fillBatch(heldBack);
  }

  /**
   * Starts the export of the spans waiting for their batch, without waiting for it ({@link
   * #awaitExports()} does).
   */
  public void exportBatch() {
    processor.exportPending();
  }

  /** A builder starting from this environment. */
  public static Builder builder(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(environment);
    return new Builder(() -> copy);
  }

  /**
   * The tracer for Warden's spans. A span started with it outside an invocation and carrying {@code
   * warden.rule} is exported on its own when it ends (init, background threads); give alert spans
   * inside an invocation {@link Invocation#context()} as parent.
   */
  public Tracer tracer() {
    return tracer;
  }

  /** The resource as currently exported (it changes after a SnapStart restore). */
  public Resource resource() {
    return processor.resource();
  }

  /** How long {@link #flush()} (and so {@link InvocationLifecycle#end}) waits at most. */
  public Duration flushTimeout() {
    return flushTimeout;
  }

  /**
   * Exports the spans still waiting in the batch (see {@link #awaitExports()}), then waits until
   * every export started so far has completed, at most {@link #flushTimeout()}. Returns whether
   * they all succeeded in time; never throws.
   */
  public boolean flush() {
    return await(processor.exportPending());
  }

  /**
   * Waits, as {@link #flush()} does, for the exports started so far, but leaves the batch to go out
   * later: spans of sampled invocations without alerts are exported together, at most once every
   * {@code OTEL_BSP_SCHEDULE_DELAY} (default 5 s) or once {@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE} of
   * them (default 64) wait, and with any export of alerts. What to call before Lambda may freeze
   * the environment: every alert is out, and the invocations in between pay no export.
   */
  public boolean awaitExports() {
    return await(CompletableResultCode.ofSuccess());
  }

  /**
   * Waits for {@code pending} and every other export in flight, within the flush bound (a few
   * milliseconds while the collector is known to be slow).
   */
  boolean await(CompletableResultCode pending) {
    if (pending.isDone() && pending.isSuccess() && !processor.anyInFlight()) {
      // Nothing was exported (most invocations' spans wait for their batch): nothing to wait
      // for, and nothing learned about the collector.
      return true;
    }
    try {
      List<CompletableResultCode> all = new ArrayList<>(processor.inFlight());
      all.add(pending);
      CompletableResultCode result = CompletableResultCode.ofAll(all);
      boolean slow = collectorSlow;
      result.join((slow ? SLOW_COLLECTOR_WAIT : flushTimeout).toNanos(), TimeUnit.NANOSECONDS);
      if (result.isDone() && result.isSuccess()) {
        collectorSlow = false;
        return true;
      }
      // Timed out, or failed: a read timeout can fail the export just before the wait ends.
      if (!slow && !result.isDone()) {
        warnings.accept(
            "the collector did not answer within "
                + flushTimeout.toMillis()
                + " ms; until it does, invocations wait at most "
                + SLOW_COLLECTOR_WAIT.toMillis()
                + " ms for their spans (every alert is in the JSON log)");
      }
      collectorSlow = true;
      result.whenComplete(
          () -> {
            if (result.isSuccess()) {
              collectorSlow = false;
            }
          });
      return false;
    } catch (RuntimeException e) {
      warnings.accept("flush failed: " + e);
      return false;
    }
  }

  /**
   * Telemetry configured like this one whose exporters encode and send nothing, and which has no
   * SnapStart hooks: what {@link InvocationLifecycle#rehearse()} runs the invocation path on.
   */
  WardenTelemetry rehearsal() {
    TelemetryConfig current = config;
    return new Builder(environment)
        .warnings(message -> {})
        .events(message -> {})
        .exporterFactory(current::newRehearsalExporter)
        .flushTimeout(flushTimeout)
        .snapStartHooks(false, false)
        .build();
  }

  private static Thread exportThread(Runnable work) {
    Thread thread = new Thread(work, "warden-export");
    thread.setDaemon(true);
    return thread;
  }

  /** Flushes within the bound, then shuts the exporter down. */
  @Override
  public void close() {
    flush();
    try {
      tracerProvider.shutdown().join(flushTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      warnings.accept("shutdown failed: " + e);
    }
  }

  AlertAwareSpanProcessor processor() {
    return processor;
  }

  Consumer<String> events() {
    return events;
  }

  Consumer<String> warnings() {
    return warnings;
  }

  TelemetryConfig config() {
    return config;
  }

  /** How many SnapStart restores this JVM went through. */
  int restores() {
    return restores.get();
  }

  SnapStartHooks snapStartHooks() {
    return snapStartHooks;
  }

  /** Before a snapshot: send what is pending and close connections that will not survive it. */
  void beforeCheckpoint() {
    flush();
    SpanExporter old = processor.replaceExporter(SpanExporter.composite());
    try {
      old.shutdown().join(flushTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      warnings.accept("exporter shutdown before checkpoint failed: " + e);
    }
  }

  /** After a restore: fresh ids, a fresh exporter, and the environment read again. */
  void afterRestore() {
    idGenerator.reseed();
    config = new TelemetryConfig(environment.get(), warnings, exportThreads);
    processor.restored(config.resource());
    SpanExporter old = processor.replaceExporter(exporterFactory.get());
    old.shutdown();
    restores.incrementAndGet();
  }

  /** Options beyond the environment; the defaults are what the agent and the wrapper use. */
  public static final class Builder {
    private Supplier<Map<String, String>> environment;
    private Consumer<String> warnings = w -> System.err.println("[warden] " + w);
    private Consumer<String> events = e -> {};
    private Supplier<SpanExporter> exporterFactory;
    private ThreadFactory exportThreads = WardenTelemetry::exportThread;
    private Sampler sampler;
    private Duration flushTimeout;
    private Boolean snapStartHooks;
    private boolean registerWithCrac = true;

    private Builder(Supplier<Map<String, String>> environment) {
      this.environment = environment;
    }

    /**
     * Where the environment is read from again after a SnapStart restore (default: the map given to
     * {@link WardenTelemetry#builder}). Pass {@code System::getenv} where the process environment
     * is refreshed on restore.
     */
    public Builder environmentSupplier(Supplier<Map<String, String>> environment) {
      this.environment = Objects.requireNonNull(environment);
      return this;
    }

    /** Where configuration problems are reported (default: stderr, prefixed {@code [warden]}). */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings);
      return this;
    }

    /** Where lifecycle events (SnapStart checkpoint and restore) are told (default: nowhere). */
    public Builder events(Consumer<String> events) {
      this.events = Objects.requireNonNull(events);
      return this;
    }

    /**
     * Replaces the exporters of {@code OTEL_TRACES_EXPORTER}; called again for a fresh exporter
     * after each SnapStart restore.
     */
    public Builder exporterFactory(Supplier<SpanExporter> exporterFactory) {
      this.exporterFactory = Objects.requireNonNull(exporterFactory);
      return this;
    }

    /** Replaces the sampler of {@code OTEL_TRACES_SAMPLER}. */
    public Builder sampler(Sampler sampler) {
      this.sampler = Objects.requireNonNull(sampler);
      return this;
    }

    /**
     * Makes the thread that sends OTLP requests (default: a daemon thread named {@code
     * warden-export}); the agent marks it as its own so its traffic is not judged.
     */
    public Builder exportThreads(ThreadFactory exportThreads) {
      this.exportThreads = Objects.requireNonNull(exportThreads);
      return this;
    }

    /** Replaces the flush bound (default: the export timeout, 1000 ms unless configured). */
    public Builder flushTimeout(Duration flushTimeout) {
      this.flushTimeout = Objects.requireNonNull(flushTimeout);
      return this;
    }

    /**
     * Forces the SnapStart hooks on or off (default: on when {@code
     * AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}); {@code registerWithCrac=false} creates them
     * without registering them, for tests that drive them by hand.
     */
    public Builder snapStartHooks(boolean enabled, boolean registerWithCrac) {
      this.snapStartHooks = enabled;
      this.registerWithCrac = registerWithCrac;
      return this;
    }

    public WardenTelemetry build() {
      return new WardenTelemetry(this);
    }
  }
}
