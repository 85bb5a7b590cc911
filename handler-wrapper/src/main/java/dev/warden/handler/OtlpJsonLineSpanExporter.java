package dev.warden.handler;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;

/**
 * {@code OTEL_TRACES_EXPORTER=logging-otlp}: each export is one line of OTLP JSON (an {@code
 * ExportTraceServiceRequest}) on standard output, which Lambda ships to CloudWatch Logs. Written
 * here because the SDK's {@code opentelemetry-exporter-logging-otlp} is not published at the BOM's
 * version; it uses the same marshaler as the OTLP exporters.
 */
final class OtlpJsonLineSpanExporter implements SpanExporter {
  private final PrintStream out;

  OtlpJsonLineSpanExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      TraceRequestMarshaler.create(spans).writeJsonTo(buffer);
      buffer.write('\n');
      synchronized (out) {
        buffer.writeTo(out);
        out.flush();
      }
      return CompletableResultCode.ofSuccess();
    } catch (IOException | RuntimeException e) {
      return CompletableResultCode.ofFailure();
    }
  }

  @Override
  public CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
