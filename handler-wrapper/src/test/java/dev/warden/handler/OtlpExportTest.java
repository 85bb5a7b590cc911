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
 * The real OTLP/HTTP exporter (with Warden's socket sender) against collectors on loopback: one
 * that answers, one that is down, one that refuses with 503, one that accepts and never answers,
 * one that closes kept connections. {@code end} must return within the flush bound (the export
 * timeout, 1000 ms by default) and never throw.
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

  @Test
  void exportsShareOneKeptConnection() throws Exception {
    try (RawCollector collector = new RawCollector(false)) {
      List<String> warnings = new ArrayList<>();
      timeOneInvocation(env(collector.port()), warnings);
      assertEquals(2, collector.requests.get(), "one export request per invocation");
      assertEquals(1, collector.connections.get(), "both over one kept-alive connection");
      assertEquals(List.of(), warnings);
    }
  }

  /** What happens when Lambda thaws an environment whose collector closed the idle connection. */
  @Test
  void aKeptConnectionTheCollectorClosedIsReplaced() throws Exception {
    try (RawCollector collector = new RawCollector(true)) {
      List<String> warnings = new ArrayList<>();
      timeOneInvocation(env(collector.port()), warnings);
      assertEquals(2, collector.requests.get(), "the second export arrived too");
      assertEquals(2, collector.connections.get(), "on a new connection");
      assertEquals(List.of(), warnings);
    }
  }

  /** The rehearsal during init must never put a span on the wire or on stdout. */
  @Test
  void theRehearsalSendsNothing() throws Exception {
    try (RawCollector collector = new RawCollector(false)) {
      WardenTelemetry telemetry = WardenTelemetry.builder(env(collector.port())).build();
      try {
        InvocationLifecycle lifecycle = new InvocationLifecycle(telemetry);
        lifecycle.rehearse();
        assertEquals(0, collector.requests.get(), "the rehearsal exported something");
        Invocation real =
            lifecycle.begin(
                EventSamples.SQS.getBytes(StandardCharsets.UTF_8),
                null,
                new TestContext("r-real"),
                Fixtures.XRAY_SAMPLED);
        lifecycle.end(real, null);
        assertEquals(1, collector.requests.get(), "the real invocation's export");
        assertFalse(collector.bodies.get(0).contains("rehearsal"), "a rehearsal span was sent");
        assertTrue(real.coldStart(), "the rehearsal used up the cold start");
      } finally {
        telemetry.close();
      }
    }
  }

  /**
   * An HTTP/1.1 collector on a raw socket: answers every request 200 with an empty body, keeping
   * the connection unless told to close it after each answer; counts connections and requests.
   */
  static final class RawCollector implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    RawCollector(boolean closeAfterEachAnswer) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket connection = server.accept()) {
                    connections.incrementAndGet();
                    serve(connection, closeAfterEachAnswer);
                  } catch (IOException closed) {
                    // next connection, or the test is over
                  }
                }
              },
              "raw-collector");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void serve(Socket connection, boolean closeAfterEachAnswer) throws IOException {
      java.io.InputStream in = new java.io.BufferedInputStream(connection.getInputStream());
      while (true) {
        int contentLength = -1;
        String line = readLine(in);
        if (line == null) {
          return;
        }
        for (line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            contentLength = Integer.parseInt(line.substring(15).trim());
          }
        }
        bodies.add(new String(in.readNBytes(contentLength), StandardCharsets.ISO_8859_1));
        requests.incrementAndGet();
        connection
            .getOutputStream()
            .write(
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        connection.getOutputStream().flush();
        if (closeAfterEachAnswer) {
          return;
        }
      }
    }

    private static String readLine(java.io.InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          return line.length() == 0 ? null : line.toString();
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
