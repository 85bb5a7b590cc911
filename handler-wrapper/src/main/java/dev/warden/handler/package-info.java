/**
 * The invocation lifecycle, shared by the agent and the explicit wrapper handler.
 *
 * <p>The public API is small:
 *
 * <ul>
 *   <li>{@link dev.warden.handler.WardenTelemetry} — a private OpenTelemetry SDK configured from
 *       the {@code OTEL_*} and {@code AWS_*} variables passed in as a map (never {@code
 *       GlobalOpenTelemetry}); its {@code tracer()} for alert spans; {@code flush()} bounded by the
 *       export timeout (1000 ms unless {@code OTEL_EXPORTER_OTLP_TIMEOUT} says otherwise);
 *       SnapStart hooks when {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}.
 *   <li>{@link dev.warden.handler.InvocationLifecycle} — {@code begin(eventJson, event, context)}
 *       opens the invocation span parented on the X-Ray header; {@code end(invocation, error)}
 *       closes it and waits for the export within the bound. Neither throws.
 *   <li>{@link dev.warden.handler.Invocation} — the handle: {@code context()} to parent alert spans
 *       on, {@code markAlert()} so the invocation is exported whatever the sampler decided.
 *   <li>{@link dev.warden.handler.WardenHandler} — a {@code RequestStreamHandler} that wraps the
 *       handler named in {@code WARDEN_HANDLER}, for use without the agent.
 *   <li>{@link dev.warden.handler.event.EventClassifier} — event to trigger, span kind, name and
 *       semantic-convention attributes.
 * </ul>
 *
 * <p>Sampling never drops an alert: every span is recorded, and a span processor buffers each
 * invocation's spans until {@code end}. An invocation that raised an alert ({@code markAlert()}, or
 * any span carrying {@code warden.rule}) is exported then; a sampled one without alerts joins a
 * batch exported at most once every {@code OTEL_BSP_SCHEDULE_DELAY} or once {@code
 * OTEL_BSP_MAX_EXPORT_BATCH_SIZE} spans wait (and with any alert's export, and by {@code flush()});
 * an unsampled one without alerts is dropped. Alert spans outside an invocation are exported on
 * their own when they end.
 */
package dev.warden.handler;
