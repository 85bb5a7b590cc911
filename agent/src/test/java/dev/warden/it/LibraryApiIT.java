package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.Cases;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.Jdks;
import dev.warden.it.support.RunResult;
import java.io.IOException;
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
 * Loading a native library from a writable directory (a copy of the JDK's own libj2gss.so, which no
 * JVM loads by itself, renamed libwardentest.so under the temp dir in /tmp) is
 * library.writable-location; the workload checks /proc/self/maps to tell whether it was mapped.
 */
@Execution(ExecutionMode.CONCURRENT)
class LibraryApiIT {
  @TempDir Path tempDir;

  static Stream<Arguments> loadPaths() {
    Stream<Arguments> jni = Cases.onEveryJdk("System.load", "Runtime.load", "System.loadLibrary");
    Stream<Arguments> foreign =
        Jdks.stream()
            .filter(jdk -> jdk.feature() >= 22)
            .map(jdk -> Arguments.of(jdk, "SymbolLookup.libraryLookup"));
    return Stream.concat(jni, foreign);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("loadPaths")
  void monitorLoadFromTmpRunsAndAlerts(Jdk jdk, String api) throws IOException {
    Path library = copyLibrary(jdk);
    RunResult run = load(jdk, "monitor", api, library);
    run.assertOk();
    assertEquals("true", run.probe("mapped"), run::describe);
    run.assertAlert("library.writable-location", "library", "load", "alerted", library.toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("loadPaths")
  void enforceBlocksLoadFromTmp(Jdk jdk, String api) throws IOException {
    Path library = copyLibrary(jdk);
    RunResult run = load(jdk, "enforce", api, library);
    run.assertBlockedBy("library.writable-location");
    assertEquals("false", run.probe("mapped"), () -> "the library was mapped" + run.describe());
    run.assertAlert("library.writable-location", "library", "load", "blocked", library.toString());
  }

  private Path copyLibrary(Jdk jdk) throws IOException {
    Path dir = Files.createDirectories(tempDir.toRealPath().resolve("lib"));
    return Files.copy(jdk.home().resolve("lib/libj2gss.so"), dir.resolve("libwardentest.so"));
  }

  private RunResult load(Jdk jdk, String mode, String api, Path library) {
    AgentRun run = AgentRun.on(jdk, tempDir).mode(mode);
    if (api.equals("System.loadLibrary")) {
      return run.jvmArg("-Djava.library.path=" + library.getParent())
          .workload(api, "wardentest")
          .run();
    }
    return run.workload(api, library).run();
  }
}
