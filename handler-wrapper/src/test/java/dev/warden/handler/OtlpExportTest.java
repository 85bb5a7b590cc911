package dev.warden.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The real OTLP/HTTP exporter (JDK HttpClient sender) against collectors on loopback: one that
 * answers, one that is down, one that refuses with 503, one that accepts and never answers. {@code
 * end} must return within the flush bound (the export timeout, 1000 ms by default) and never throw.
 */
class OtlpExportTest {
  private static final long BOUND_MS = 1000;
  // scheduling slack on a loaded 2-core CI machine
  private static final long SLACK_MS = 400;

  private static Map<String, String> env(int port) {
    Map<String, String> env = new HashMap<>(Fixtures.lambdaEnv());
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + port);
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=s3cr%3Dt");
    return env;
  }

  /**
   * Runs two invocations with an alert each (the first pays for loading the HttpClient classes) and
   * returns how long the slower {@code end} took, in ms; prints both.
   */
  private static long timeOneInvocation(Map<String, String> env, List<String> warnings) {
    WardenTelemetry telemetry = WardenTelemetry.builder(env).warnings(warnings::add).build();
    try {
      InvocationLifecycle lifecycle = new InvocationLifecycle(telemetry);
      long[] ms = new long[2];
      for (int i = 0; i < 2; i++) {
        Invocation inv =
            lifecycle.begin(
                EventSamples.SQS.getBytes(StandardCharsets.UTF_8),
                null,
                new TestContext("r-" + i),
                Fixtures.XRAY_UNSAMPLED);
        telemetry
            .tracer()
            .spanBuilder("warden alert")
            .setParent(inv.context())
            .setAttribute("warden.rule", "process-shell")
            .startSpan()
            .end();
        long start = System.nanoTime();
        lifecycle.end(inv, null);
        ms[i] = (System.nanoTime() - start) / 1_000_000;
      }
      System.out.print("[measure] first/second end(): " + ms[0] + "/" + ms[1] + " ms -- ");
      return Math.max(ms[0], ms[1]);
    } finally {
      // not part of the invocation's cost
      telemetry.close();
    }
  }

  @Test
  void spansReachTheCollectorBeforeEndReturns() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    List<String> paths = new CopyOnWriteArrayList<>();
    List<String> apiKeys = new CopyOnWriteArrayList<>();
    server.createContext(
        "/",
        exchange -> {
          paths.add(exchange.getRequestURI().getPath());
          apiKeys.add(exchange.getRequestHeaders().getFirst("x-api-key"));
          bodies.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      List<String> warnings = new ArrayList<>();
      long ms = timeOneInvocation(env(server.getAddress().getPort()), warnings);
      // received before end returned (timeOneInvocation's close comes after; checked by count)
      assertEquals(2, bodies.size(), "one export request per invocation");
      assertEquals("/v1/traces", paths.get(0));
      assertEquals("s3cr=t", apiKeys.get(0));
      String body = new String(bodies.get(0), StandardCharsets.ISO_8859_1);
      assertTrue(body.contains("orders-queue process"), "invocation span in the request");
      assertTrue(body.contains("warden alert"), "alert span in the request");
      assertTrue(body.contains("process-shell"));
      assertTrue(ms < BOUND_MS, "end took " + ms + " ms");
      System.out.println("[measure] end() with a live loopback collector: " + ms + " ms");
      assertEquals(List.of(), warnings);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void collectorDownCostsABoundedTime() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    } // closed: connections are refused
    long ms = timeOneInvocation(env(port), new ArrayList<>());
    System.out.println("[measure] end() with the collector down (closed port): " + ms + " ms");
    assertTrue(ms < BOUND_MS + SLACK_MS, "end took " + ms + " ms");
  }

  @Test
  void collectorRefusingCostsABoundedTime() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger requests = new AtomicInteger();
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.start();
    try {
      long ms = timeOneInvocation(env(server.getAddress().getPort()), new ArrayList<>());
      System.out.println("[measure] end() with the collector answering 503: " + ms + " ms");
      assertTrue(ms < BOUND_MS + SLACK_MS, "end took " + ms + " ms");
      assertEquals(2, requests.get(), "no retries");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void collectorHangingCostsTheBoundAndNoMore() throws Exception {
    // accepts connections, reads nothing, never answers
    try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(hanging.accept());
                  }
                } catch (IOException closed) {
                  // test over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      long ms = timeOneInvocation(env(hanging.getLocalPort()), new ArrayList<>());
      System.out.println("[measure] end() with a hanging collector: " + ms + " ms");
      assertTrue(ms >= BOUND_MS - 50, "waited for the bound: " + ms + " ms");
      assertTrue(ms < BOUND_MS + SLACK_MS, "end took " + ms + " ms");
      assertFalse(accepted.isEmpty());
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void aShorterTimeoutShortensTheBound() throws Exception {
    try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    hanging.accept();
                  }
                } catch (IOException closed) {
                  // test over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      Map<String, String> env = env(hanging.getLocalPort());
      env.put("OTEL_EXPORTER_OTLP_TIMEOUT", "200");
      long ms = timeOneInvocation(env, new ArrayList<>());
      System.out.println("[measure] end() with a hanging collector, timeout 200 ms: " + ms + " ms");
      assertTrue(ms < 200 + SLACK_MS, "end took " + ms + " ms");
    }
  }
}
