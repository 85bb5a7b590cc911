package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.Jdks;
import dev.warden.it.support.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A function that ships its own Byte Buddy (1.14) and OpenTelemetry SDK (1.42), and uses both, runs
 * under the agent exactly as without it: the agent's own copies are relocated.
 */
@Execution(ExecutionMode.CONCURRENT)
class OwnLibrariesIT {
  private static final String FUNCTION = "dev.warden.samples.ownlibraries.OwnLibrariesFunction";

  @TempDir Path tempDir;

  static Stream<Jdk> jdks() {
    return Jdks.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void functionWithItsOwnByteBuddyAndOpenTelemetryRunsUnchanged(Jdk jdk) throws IOException {
    Path samples = Path.of(System.getProperty("warden.sample.functions")).toAbsolutePath();
    Path jar = samples.resolve("warden-sample-functions-0.1.0-SNAPSHOT.jar");
    List<Path> libraries;
    try (Stream<Path> files = Files.list(samples.resolve("lib"))) {
      libraries = files.sorted().collect(Collectors.toList());
    }

    RunResult without = run(jdk, tempDir.resolve("without"), jar, libraries, false);
    RunResult with = run(jdk, tempDir.resolve("with"), jar, libraries, true);

    without.assertExit(0);
    with.assertExit(0);
    String expected = ownLibrariesLine(without);
    assertTrue(expected.contains("bytebuddy=byte-buddy-1.14.18.jar"), without::describe);
    assertTrue(expected.contains("otel=opentelemetry-sdk-trace-1.42.1.jar"), without::describe);
    assertTrue(expected.contains("spans=1"), without::describe);
    assertEquals(expected, ownLibrariesLine(with), with::describe);
    with.assertNoAlerts();
  }

  private static RunResult run(
      Jdk jdk, Path workDir, Path jar, List<Path> libraries, boolean agent) {
    AgentRun run = AgentRun.on(jdk, workDir).mode("enforce").classpath(jar);
    for (Path library : libraries) {
      run.classpath(library);
    }
    if (!agent) {
      run.withoutAgent();
    }
    return run.main(FUNCTION).run();
  }

  private static String ownLibrariesLine(RunResult result) {
    return result
        .stdout()
        .lines()
        .filter(line -> line.startsWith("OWN-LIBRARIES "))
        .findFirst()
        .orElse("no OWN-LIBRARIES line");
  }
}
