package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.Cases;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JDK path that starts a process runs {@code touch <marker>}: in monitor the marker appears
 * and process.exec alerts; in enforce with a policy allowing only /bin/true nothing is started.
 */
@Execution(ExecutionMode.CONCURRENT)
class ProcessApiIT {
  @TempDir Path tempDir;

  static Stream<Arguments> startPaths() {
    return Cases.onEveryJdk(
        "ProcessBuilder.start",
        "Runtime.exec-String",
        "Runtime.exec-array",
        "ProcessBuilder.startPipeline");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("startPaths")
  void monitorProcessStartRunsAndAlerts(Jdk jdk, String api) throws Exception {
    Path marker = tempDir.toRealPath().resolve("marker");
    RunResult run = AgentRun.on(jdk, tempDir).mode("monitor").workload(api, "touch", marker).run();
    run.assertOk();
    assertTrue(Files.exists(marker), () -> "touch did not run" + run.describe());
    run.assertAlert(
        "process.exec",
        "process",
        "exec",
        "alerted",
        t -> t != null && t.contains("touch") && t.endsWith(marker.toString()),
        "a command line of touch " + marker);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("startPaths")
  void enforceBlocksProcessOutsidePolicy(Jdk jdk, String api) throws Exception {
    Path marker = tempDir.toRealPath().resolve("marker");
    RunResult run =
        AgentRun.on(jdk, tempDir)
            .mode("enforce")
            .policy("{\"process\":{\"allow\":[\"/bin/true\",\"/usr/bin/true\"]}}")
            .workload(api, "touch", marker)
            .run();
    run.assertBlockedBy("policy.process");
    assertEquals(null, run.probe("exit"), () -> "a child ran" + run.describe());
    assertFalse(Files.exists(marker), () -> "blocked process ran anyway" + run.describe());
    run.assertAlert(
        "policy.process",
        "process",
        "exec",
        "blocked",
        t -> t != null && t.contains("touch"),
        "a command line of touch");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("startPaths")
  void enforceAllowsProcessInPolicy(Jdk jdk, String api) {
    RunResult run =
        AgentRun.on(jdk, tempDir)
            .mode("enforce")
            .policy("{\"process\":{\"allow\":[\"/bin/true\",\"/usr/bin/true\"]}}")
            .workload(api, "/bin/true")
            .run();
    run.assertOk();
    assertEquals("0", run.probe("exit"), run::describe);
    assertTrue(
        run.alerts(a -> "process".equals(a.category())).isEmpty(),
        () -> "an allowed process alerted" + run.describe());
  }
}
