package dev.warden.handler;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Turns the configured sampler's DROP into RECORD_ONLY: every span is recorded so that an
 * invocation that raises an alert can still be exported whole. The sampled flag keeps the
 * configured decision, and {@link AlertAwareSpanProcessor} exports unsampled spans only when their
 * invocation raised an alert (or they are alerts themselves).
 */
final class RecordingSampler implements Sampler {
  private final Sampler delegate;

  RecordingSampler(Sampler delegate) {
    this.delegate = delegate;
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    SamplingResult result =
        delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    if (result.getDecision() != SamplingDecision.DROP) {
      return result;
    }
    return new SamplingResult() {
      @Override
      public SamplingDecision getDecision() {
        return SamplingDecision.RECORD_ONLY;
      }

      @Override
      public Attributes getAttributes() {
        return result.getAttributes();
      }

      @Override
      public io.opentelemetry.api.trace.TraceState getUpdatedTraceState(
          io.opentelemetry.api.trace.TraceState parentTraceState) {
        return result.getUpdatedTraceState(parentTraceState);
      }
    };
  }

  @Override
  public String getDescription() {
    return "RecordingSampler{" + delegate.getDescription() + "}";
  }
}
