package dev.warden.handler;

import dev.warden.handler.event.Trigger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One invocation in progress: its span, and the OpenTelemetry context to parent alert spans on.
 * Obtained from {@link InvocationLifecycle#begin}, handed back to {@link InvocationLifecycle#end}.
 */
public final class Invocation {
  private final String invocationId;
  private final Span span;
  private final Context context;
  private final Trigger trigger;
  private final boolean coldStart;
  private final AlertAwareSpanProcessor.InvocationBuffer buffer;
  private final AtomicInteger alerts = new AtomicInteger();
  private volatile boolean ended;

  Invocation(
      String invocationId,
      Span span,
      Context context,
      Trigger trigger,
      boolean coldStart,
      AlertAwareSpanProcessor.InvocationBuffer buffer) {
    this.invocationId = invocationId;
    this.span = span;
    this.context = context;
    this.trigger = trigger;
    this.coldStart = coldStart;
    this.buffer = buffer;
  }

  /** The Lambda request id ({@code faas.invocation_id}), or null without a Lambda context. */
  public String invocationId() {
    return invocationId;
  }

  /** The invocation span. */
  public Span span() {
    return span;
  }

  /** The context holding the invocation span: the parent for alert spans and other children. */
  public Context context() {
    return context;
  }

  /** What the event was classified as. */
  public Trigger trigger() {
    return trigger;
  }

  /** Whether this was the first invocation of its lifecycle (or the first after a restore). */
  public boolean coldStart() {
    return coldStart;
  }

  /**
   * Records that this invocation raised an alert: all its spans are then exported whatever the
   * sampler decided. (A child span carrying {@code warden.rule} marks it too.)
   */
  public void markAlert() {
    alerts.incrementAndGet();
    buffer.markAlert();
  }

  /** Whether an alert was marked or an alert span ended in this invocation so far. */
  public boolean hasAlert() {
    return buffer.alerted();
  }

  /** Whether the configured sampler sampled this invocation's trace. */
  public boolean sampled() {
    return span.getSpanContext().isSampled();
  }

  int markedAlerts() {
    return alerts.get();
  }

  AlertAwareSpanProcessor.InvocationBuffer buffer() {
    return buffer;
  }

  /** True the first time only. */
  synchronized boolean markEnded() {
    if (ended) {
      return false;
    }
    ended = true;
    return true;
  }
}
