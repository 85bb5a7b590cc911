package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.LocalLambdaRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that is down (a closed port) or hangs (accepts and never answers): every invocation
 * still succeeds, and the JSON log has every alert. Warden exports after the response, before the
 * runtime asks for the next event: that request, which ends what Lambda bills for the invocation,
 * waits for the export at most the flush bound ({@code OTEL_EXPORTER_OTLP_TIMEOUT}, default 1000
 * ms). Once an export has timed out, later invocations no longer wait for the collector: at most
 * one pays the timeout.
 */
class CollectorFailureIT {
  /** The export timeout Warden applies by default, and so its flush bound. */
  static final long EXPORT_TIMEOUT_MILLIS = 1_000;

  /** What the handler itself may take (a shell start, a file read) plus scheduling noise. */
  static final long MARGIN_MILLIS = 1_000;

  /** The first invocation may wait for the SDK, built off the critical path, at most 2000 ms. */
  static final long TELEMETRY_READY_WAIT_MILLIS = 2_000;

  private static final List<String> SCRIPT =
      List.of("none", "read-environ", "shell", "read-environ", "none", "shell");

  @TempDir Path directory;

  @Test
  void collectorDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    runAgainst("collector-down", "http://127.0.0.1:" + closedPort);
  }

  @Test
  void collectorHangs() throws Exception {
    try (HangingCollector collector = new HangingCollector()) {
      List<Cycle> sent = runAgainst("collector-hangs", "http://127.0.0.1:" + collector.port());
      assertTrue(collector.accepted() > 0, "the exporter did connect to the hanging collector");
      List<String> waitedForTimeout =
          sent.stream()
              .filter(s -> s.untilNextRequestMillis() >= EXPORT_TIMEOUT_MILLIS)
              .map(s -> s.sent().label() + "=" + s.untilNextRequestMillis() + " ms")
              .toList();
      assertTrue(
          waitedForTimeout.size() <= 1,
          "after the first timed-out export, invocations must stop waiting for the collector: "
              + waitedForTimeout);
    }
  }

  /** An invocation, and the time from sending it to the runtime's request for the next event. */
  record Cycle(Sent sent, long untilNextRequestMillis) {}

  private List<Cycle> runAgainst(String name, String endpoint) throws Exception {
    AlertLogFile alertLog = new AlertLogFile(directory.resolve(name + ".jsonl"));
    List<Sent> sent = new ArrayList<>();
    List<Long> sentNanos = new ArrayList<>();
    List<Long> nextRequests;
    String stderr;
    try (LocalLambdaRuntime lambda =
        Functions.withAgent(
                name, "dev.warden.samples.forms.TypedHandler", endpoint, alertLog.path(), Map.of())
            .build()) {
      lambda.start();
      assertTrue(lambda.awaitInit(Duration.ofSeconds(30)), lambda::stderr);
      for (String action : SCRIPT) {
        // The runtime asked for this event before it was sent (/next #i), and for the next one
        // after (/next #i+1).
        assertTrue(lambda.awaitNextRequests(sent.size() + 1, Duration.ofSeconds(10)));
        sentNanos.add(System.nanoTime());
        sent.add(Sent.action(lambda, action, true));
      }
      assertTrue(lambda.awaitNextRequests(SCRIPT.size() + 1, Duration.ofSeconds(10)));
      nextRequests = lambda.nextRequestNanos();
      stderr = lambda.stderr();
    }
    List<Cycle> cycles = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      cycles.add(new Cycle(sent.get(i), (nextRequests.get(i + 1) - sentNanos.get(i)) / 1_000_000));
    }
    System.out.println(
        name
            + ": response, next request (ms) "
            + cycles.stream()
                .map(
                    c ->
                        c.sent().label()
                            + "="
                            + c.sent().result().duration().toMillis()
                            + ", "
                            + c.untilNextRequestMillis())
                .collect(Collectors.joining("; ")));
    List<Executable> checks = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      Sent s = sent.get(i);
      Cycle cycle = cycles.get(i);
      long bound =
          EXPORT_TIMEOUT_MILLIS + MARGIN_MILLIS + (i == 0 ? TELEMETRY_READY_WAIT_MILLIS : 0);
      checks.add(() -> assertTrue(s.result().succeeded(), () -> s + "\n" + stderr));
      checks.add(
          () ->
              assertTrue(
                  cycle.untilNextRequestMillis() < bound,
                  () ->
                      s
                          + ": the next request came after "
                          + cycle.untilNextRequestMillis()
                          + " ms; bound "
                          + bound));
      String rule =
          switch (s.label()) {
            case "read-environ" -> "file.secret-read";
            case "shell" -> "process.shell";
            default -> null;
          };
      checks.add(
          () -> {
            List<String> rules =
                alertLog.alertsOf(s.requestId()).stream()
                    .map(a -> String.valueOf(a.get("warden.rule")))
                    .toList();
            if (rule == null) {
              assertEquals(List.of(), rules, s + ": no alert");
            } else {
              assertTrue(rules.contains(rule), () -> s + ": " + rule + " in the log: " + rules);
            }
          });
    }
    assertAll(name, checks);
    return cycles;
  }

  /** Accepts connections and never reads or answers. */
  static final class HangingCollector implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    HangingCollector() throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept());
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "hanging-collector");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() {
      return held.size();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
