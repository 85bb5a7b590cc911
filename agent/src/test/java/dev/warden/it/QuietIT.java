package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.AlertLine;
import dev.warden.it.support.Cases;
import dev.warden.it.support.GeneratedJar;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.Json;
import dev.warden.it.support.LoopbackHttpServer;
import dev.warden.it.support.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A busy program under a strict policy that allows only what it does explicitly (its data file and
 * its HTTP server; no writes, no processes): class loading from jars and the JDK, ServiceLoader,
 * HttpClient internals, threads and the agent's own alert log writing produce no alert. The one
 * deliberate violation at the end proves alerts are being written at all.
 */
@Execution(ExecutionMode.CONCURRENT)
class QuietIT {
  private static final int CLASS_COUNT = 300;

  @TempDir Path tempDir;

  static Stream<Arguments> modes() {
    return Cases.onEveryJdk("monitor", "enforce");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void classLoadingServiceLoaderThreadsAndOwnAlertLogProduceNoAlert(Jdk jdk, String mode)
      throws Exception {
    Busy busy = runBusy(jdk, mode);
    RunResult result = busy.result;
    List<AlertLine> alerts = result.alerts();
    assertFalse(
        alerts.stream().anyMatch(a -> String.valueOf(a.target()).endsWith("alerts.jsonl")),
        () -> "the agent alerted on its own alert log" + result.describe());
    List<AlertLine> classLoading =
        alerts.stream()
            .filter(
                a -> {
                  String t = String.valueOf(a.target());
                  return t.endsWith(".class")
                      || t.endsWith(".jar")
                      || t.startsWith(busy.jar.getParent().toString())
                      || t.endsWith("/lib/modules")
                      || t.contains("/test-classes/");
                })
            .toList();
    assertEquals(List.of(), classLoading, () -> "class loading alerted" + result.describe());
    assertTrue(
        alerts.stream().anyMatch(a -> busy.denied.toString().equals(a.target())),
        () -> "the deliberate violation did not alert" + result.describe());
  }

  /**
   * Stricter: the JDK's own reads on behalf of the program (SecureRandom seeding from /dev/random,
   * net.properties for HttpClient, cacerts ...) are not the function's doing either; under a policy
   * of only what the code does explicitly, the one alert is the deliberate one.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void onlyTheDeliberateViolationAlerts(Jdk jdk, String mode) throws Exception {
    Busy busy = runBusy(jdk, mode);
    RunResult result = busy.result;
    List<AlertLine> alerts = result.alerts();
    assertEquals(
        1, alerts.size(), () -> "expected only the deliberate violation" + result.describe());
    assertEquals(busy.denied.toString(), alerts.get(0).target(), result::describe);
    assertEquals("policy.file.read", alerts.get(0).rule(), result::describe);
  }

  private record Busy(RunResult result, Path jar, Path denied) {}

  private Busy runBusy(Jdk jdk, String mode) throws Exception {
    Path root = tempDir.toRealPath();
    Path jar = GeneratedJar.build(root.resolve("build"), CLASS_COUNT);
    Path data = Files.createDirectories(root.resolve("data"));
    Path dataFile = Files.writeString(data.resolve("input.txt"), "value\n");
    Path denied =
        Files.writeString(Files.createDirectories(root.resolve("denied")).resolve("x"), "x");
    Path run = Files.createDirectories(root.resolve("run"));

    try (LoopbackHttpServer server = new LoopbackHttpServer()) {
      String policy =
          "{\"file\":{\"read\":["
              + Json.quote(data + "/**")
              + "],\"write\":[]},"
              + "\"network\":{\"allow\":["
              + Json.quote(server.hostPort())
              + "]},"
              + "\"process\":{\"allow\":[]}}";
      RunResult result =
          AgentRun.on(jdk, run)
              .mode(mode)
              .policy(policy)
              .classpath(jar)
              .main(
                  "dev.warden.it.workload.BusyProgram",
                  String.valueOf(CLASS_COUNT),
                  dataFile.toString(),
                  server.url(),
                  denied.toString())
              .run();

      result.assertExit(0);
      assertFalse(result.stderr().contains("StackOverflowError"), result::describe);
      assertEquals(
          String.valueOf(CLASS_COUNT * (CLASS_COUNT - 1) / 2),
          result.probe("classes-sum"),
          result::describe);
      assertEquals("1", result.probe("plugins"), result::describe);
      assertEquals("pong", result.probe("body"), result::describe);
      assertEquals(
          mode.equals("enforce") ? "blocked" : "ok",
          String.valueOf(result.result()).split(" ")[0],
          result::describe);
      return new Busy(result, jar, denied);
    }
  }
}
