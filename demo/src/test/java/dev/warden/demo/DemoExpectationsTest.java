package dev.warden.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The demo's expectations, as tests: every sample function through the local Lambda runtime with
 * {@code agent/target/warden-agent.jar}, in monitor mode (attacks alerted by the rules they should
 * be, naming the event field, and the function still does what it did), in learn mode on its normal
 * event, and in enforce mode with the policy it learned (normal events raise nothing; attacks are
 * blocked, the error names Warden's block, and their effect is absent).
 */
class DemoExpectationsTest {
  private static DemoEnvironment environment;
  private static List<FunctionRuns.Outcome> outcomes;

  @BeforeAll
  static void runEverySampleFunction() throws Exception {
    environment = new DemoEnvironment(Path.of(System.getProperty("warden.root", "..")));
    outcomes = FunctionRuns.runAll(environment, outcome -> {});
  }

  @AfterAll
  static void cleanUp() {
    if (environment != null) {
      environment.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyInvocationIsWhatWardenShouldMakeOfIt() {
    List<DynamicTest> tests = new ArrayList<>();
    for (FunctionRuns.Outcome outcome : outcomes) {
      for (InvocationRecord record : outcome.invocations()) {
        tests.add(
            DynamicTest.dynamicTest(
                record.function().name()
                    + " "
                    + record.event()
                    + " in "
                    + record.mode().wardenMode(),
                () ->
                    assertTrue(
                        record.problems().isEmpty(),
                        () ->
                            String.join("; ", record.problems())
                                + "\nalerts: "
                                + record.alerts())));
      }
    }
    return tests.stream();
  }

  /** README: learn mode writes the policy, every section, empty ones too. */
  @TestFactory
  Stream<DynamicTest> learnModeWritesAPolicyForEveryFunction() {
    return outcomes.stream()
        .map(
            outcome ->
                DynamicTest.dynamicTest(
                    outcome.function().name(),
                    () ->
                        assertTrue(
                            outcome.agentWrotePolicy(),
                            "learn mode wrote no policy to WARDEN_LEARN_OUTPUT after the normal"
                                + " event and SIGTERM")));
  }

  @TestFactory
  Stream<DynamicTest> attackEventsTargetOnlyLoopback() {
    // The network rule of these samples: nothing leaves 127.0.0.0/8.
    return SampleFunction.ALL.stream()
        .filter(f -> !f.benign())
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.name(),
                    () -> {
                      String attack =
                          java.nio.file.Files.readString(environment.event(f.name(), "attack"));
                      assertTrue(
                          !attack.matches(
                              "(?s).*https?://(?!\\{\\{AWS_LAMBDA_RUNTIME_API}})[^\"]*.*"),
                          "an attack URL that is not the Runtime API placeholder");
                    }));
  }
}
