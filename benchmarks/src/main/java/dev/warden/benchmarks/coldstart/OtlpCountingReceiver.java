package dev.warden.benchmarks.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in OTLP/HTTP collector on 127.0.0.1: answers every POST with 200 and an empty body (an
 * empty {@code Export*ServiceResponse}) and counts what arrived, so the bench can prove that each
 * agent really exported. It never decodes spans: the cost it adds must not depend on the agent.
 */
final class OtlpCountingReceiver implements AutoCloseable {
  /** Warden's instrumentation scope, which every span it exports carries. */
  static final String WARDEN_SCOPE = "dev.warden";

  private static final byte[] WARDEN_SCOPE_FIELD = scopeNameField(WARDEN_SCOPE);

  /**
   * The scope of the OpenTelemetry agent's Lambda handler instrumentation (aws-lambda-core-1.0).
   */
  static final String OTEL_LAMBDA_SCOPE = "io.opentelemetry.aws-lambda";

  /** What arrived since the last {@link #takeCounts()}. */
  record Counts(int traceExports, int wardenExports, int otelLambdaExports, int otherRequests) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private int traceExports;
  private int wardenExports;
  private int otelLambdaExports;
  private int otherRequests;

  OtlpCountingReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::receive);
    server.setExecutor(executor);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}, for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      // Counted before the answer, so an exporter that waits for it (both agents flush
      // synchronously at the end of an invocation) is always counted by the time the function
      // posts its response.
      record(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private synchronized void record(String method, String path, byte[] body) {
    if (!"POST".equals(method) || !path.endsWith("/v1/traces")) {
      otherRequests++;
      return;
    }
    traceExports++;
    // Scope names travel as plain UTF-8 strings inside the protobuf message. Warden's is matched
    // with its protobuf prefix (field 1, length 10), as the exact name: the other agent's spans
    // carry the handler's class name, dev.warden.samples..., among their attributes.
    if (contains(body, WARDEN_SCOPE_FIELD)) {
      wardenExports++;
    }
    if (contains(body, OTEL_LAMBDA_SCOPE.getBytes(StandardCharsets.UTF_8))) {
      otelLambdaExports++;
    }
  }

  /** {@code InstrumentationScope.name} as protobuf encodes it: tag of field 1, length, UTF-8. */
  static byte[] scopeNameField(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 127) {
      throw new IllegalArgumentException("a one-byte length only: " + name);
    }
    byte[] field = new byte[utf8.length + 2];
    field[0] = 0x0a;
    field[1] = (byte) utf8.length;
    System.arraycopy(utf8, 0, field, 2, utf8.length);
    return field;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The counts since the previous call, which start again from zero. */
  synchronized Counts takeCounts() {
    Counts counts = new Counts(traceExports, wardenExports, otelLambdaExports, otherRequests);
    traceExports = 0;
    wardenExports = 0;
    otelLambdaExports = 0;
    otherRequests = 0;
    return counts;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
