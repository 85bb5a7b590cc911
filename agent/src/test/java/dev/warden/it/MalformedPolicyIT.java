package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.Jdks;
import dev.warden.it.support.RunResult;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken policy: enforce refuses to run unprotected (non-zero exit before main, an error naming
 * file, line and column); monitor warns the same way and keeps the built-in rules.
 */
@Execution(ExecutionMode.CONCURRENT)
class MalformedPolicyIT {
  /** The ':' after "file" is missing: the error is at line 3, column 10 (the '{'). */
  private static final String BROKEN =
      "{\n"
          + "  \"mode\": \"enforce\",\n"
          + "  \"file\" {\n"
          + "    \"read\": [\"/tmp/**\"]\n"
          + "  }\n"
          + "}\n";

  private static final Pattern LINE_3_COLUMN_10 =
      Pattern.compile("(:3:10\\b)|(line 3\\D{1,20}column 10\\b)", Pattern.CASE_INSENSITIVE);

  @TempDir Path tempDir;

  static Stream<Jdk> jdks() {
    return Jdks.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void enforceWithBrokenPolicyStopsBeforeMainWithFileLineAndColumn(Jdk jdk) {
    AgentRun agent = AgentRun.on(jdk, tempDir).mode("enforce").policy(BROKEN);
    RunResult run = agent.workload("Files.readAllBytes", "/proc/self/environ").run();
    assertNotEquals(0, run.exitCode(), () -> "enforce ran with a broken policy" + run.describe());
    assertNull(run.result(), () -> "main ran" + run.describe());
    assertNamesFileLineAndColumn(run, agent.workDir().resolve("policy.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void monitorWithBrokenPolicyWarnsAndKeepsBuiltInRules(Jdk jdk) {
    AgentRun agent = AgentRun.on(jdk, tempDir).mode("monitor").policy(BROKEN);
    RunResult run = agent.workload("Files.readAllBytes", "/proc/self/environ").run();
    run.assertOk();
    assertNamesFileLineAndColumn(run, agent.workDir().resolve("policy.json"));
    run.assertAlert(
        "file.secret-read",
        "file",
        "read",
        "alerted",
        t -> t != null && t.matches("/proc/\\d+/environ"),
        "/proc/<pid>/environ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void badModeValueIsNamedOnStderr(Jdk jdk) {
    RunResult run =
        AgentRun.on(jdk, tempDir)
            .mode("enforcing")
            .workload("Files.readAllBytes", "/proc/self/environ")
            .run();
    assertTrue(
        run.stderr().contains("WARDEN_MODE") && run.stderr().contains("enforcing"),
        () -> "stderr should name WARDEN_MODE and the bad value" + run.describe());
    // it must not run silently unprotected: either it stops, or it still reports the secret read
    assertTrue(
        run.exitCode() != 0 && run.result() == null
            || run.alerts().stream().anyMatch(a -> "file.secret-read".equals(a.rule())),
        () ->
            "a bad WARDEN_MODE neither stopped the JVM nor kept the built-in rules"
                + run.describe());
  }

  private static void assertNamesFileLineAndColumn(RunResult run, Path policy) {
    String stderr = run.stderr();
    assertTrue(
        stderr.contains(policy.toString()), () -> "stderr should name " + policy + run.describe());
    assertTrue(
        LINE_3_COLUMN_10.matcher(stderr).find(),
        () ->
            "stderr should name line 3 and column 10 (file:3:10 or 'line 3, column 10')"
                + run.describe());
  }
}
