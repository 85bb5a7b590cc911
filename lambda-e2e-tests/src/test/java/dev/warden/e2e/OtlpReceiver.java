package dev.warden.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP (protobuf) trace receiver on 127.0.0.1: {@code POST /v1/traces} is decoded and its
 * spans recorded with their resource and arrival time; {@code /v1/metrics} and {@code /v1/logs}
 * (which an OpenTelemetry Java agent may send) are answered and counted, nothing else.
 */
final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicInteger traceRequests = new AtomicInteger();
  private final AtomicInteger otherRequests = new AtomicInteger();

  /** While set, trace exports are recorded on arrival but answered only once it is opened. */
  private volatile CountDownLatch answersHeld;

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", this::traces);
    server.createContext(
        "/v1/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          otherRequests.incrementAndGet();
          answer(exchange, 200, new byte[0]);
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}, for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void traces(HttpExchange exchange) throws IOException {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        problems.add("unexpected " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
        answer(exchange, 405, new byte[0]);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      long arrival = System.nanoTime();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.startsWith("application/x-protobuf")) {
        problems.add("Content-Type " + contentType + " is not application/x-protobuf");
      }
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      int number = traceRequests.incrementAndGet();
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        Map<String, Object> resource =
            ReceivedSpan.toMap(resourceSpans.getResource().getAttributesList());
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          String scope = scopeSpans.getScope().getName();
          for (Span span : scopeSpans.getSpansList()) {
            spans.add(new ReceivedSpan(span, resource, scope, arrival, number));
          }
        }
      }
      CountDownLatch held = answersHeld;
      if (held != null) {
        held.await(30, TimeUnit.SECONDS);
      }
      answer(exchange, 200, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      problems.add("cannot decode an export: " + e);
      answer(exchange, 400, new byte[0]);
    }
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  List<ReceivedSpan> spans(Predicate<ReceivedSpan> filter) {
    List<ReceivedSpan> matching = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      if (filter.test(span)) {
        matching.add(span);
      }
    }
    return matching;
  }

  List<ReceivedSpan> inTrace(String traceId) {
    return spans(s -> s.traceId().equals(traceId));
  }

  /** Waits until at least {@code count} spans match, at most {@code timeout}; returns them. */
  List<ReceivedSpan> await(Predicate<ReceivedSpan> filter, int count, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    List<ReceivedSpan> matching = spans(filter);
    while (matching.size() < count && System.nanoTime() < end) {
      Thread.sleep(20);
      matching = spans(filter);
    }
    return matching;
  }

  /** From now on, trace exports are recorded when they arrive but not answered. */
  void holdAnswers() {
    answersHeld = new CountDownLatch(1);
  }

  /** Answers the held exports and every later one at once. */
  void releaseAnswers() {
    CountDownLatch held = answersHeld;
    answersHeld = null;
    if (held != null) {
      held.countDown();
    }
  }

  /** Decoding or protocol problems seen so far (a test asserts there are none). */
  List<String> problems() {
    return List.copyOf(problems);
  }

  int traceRequests() {
    return traceRequests.get();
  }

  int otherRequests() {
    return otherRequests.get();
  }

  @Override
  public void close() {
    releaseAnswers();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
