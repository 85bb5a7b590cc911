package dev.warden.localruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.localruntime.InvocationResult.Outcome;
import dev.warden.localruntime.functions.ContextReportingHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The function JVM on every JDK the build is asked to cover: {@code WARDEN_TEST_JDKS} (comma
 * separated homes, as the agent's end-to-end tests take it), else any {@code
 * /usr/lib/jvm/temurin-25*}.
 */
class OtherJdkTest {
  static List<Path> jdks() throws IOException {
    String configured = System.getenv("WARDEN_TEST_JDKS");
    List<Path> homes = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      Arrays.stream(configured.split(",")).map(String::trim).map(Path::of).forEach(homes::add);
    } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
      try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
        jvms.filter(p -> p.getFileName().toString().startsWith("temurin-25"))
            .filter(p -> Files.isExecutable(p.resolve("bin/java")))
            .forEach(homes::add);
      }
    }
    return homes;
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void theRuntimeClientRunsAndTheExecutionEnvironmentNamesTheJdk(Path javaHome) {
    int major = RuntimeClient.javaMajorVersion(javaHome);
    Assumptions.assumeTrue(major >= 17, "not a JDK 17+ home: " + javaHome);
    try (LocalLambdaRuntime lambda =
        TestFunctions.runtime(ContextReportingHandler.class, "handleRequest")
            .javaHome(javaHome)
            .build()) {
      lambda.start();
      InvocationResult result = lambda.invoke("{\"name\":\"jdk\"}");
      assertEquals(Outcome.RESPONSE, result.outcome(), () -> result + lambda.stderr());
      Map<String, String> seen = TestFunctions.report(result);
      assertEquals("AWS_Lambda_java" + major, seen.get("env.AWS_EXECUTION_ENV"));
      assertEquals("", lambda.stderr(), "no warnings from the JVM or the runtime client");
    }
  }
}
