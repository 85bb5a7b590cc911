package dev.warden.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo ({@code ./demo.sh}): every sample function through the local Lambda runtime with the
 * agent — its normal event and its attack in monitor mode, its normal event in learn mode, then
 * both again in enforce mode with the policy it learned — each invocation drawn as the trace a
 * tracing backend would show, and a summary table that says whether Warden did what it should.
 * Exits 1 when something was not as expected.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path root = Path.of(args.length > 0 ? args[0] : System.getProperty("warden.root", "."));
    long start = System.nanoTime();
    out.println(
        "Warden demo: "
            + SampleFunction.ALL.size()
            + " sample functions through the local Lambda runtime with the agent attached; one"
            + " function JVM per mode; spans from OTEL_TRACES_EXPORTER=logging-otlp");
    List<FunctionRuns.Outcome> outcomes;
    try (DemoEnvironment environment = new DemoEnvironment(root)) {
      outcomes = FunctionRuns.runAll(environment, outcome -> TraceTree.print(out, outcome));
    }
    boolean allExpected = Summary.print(out, outcomes);
    out.printf(Locale.ROOT, "%nDemo finished in %.1f s.%n", (System.nanoTime() - start) / 1e9);
    System.exit(allExpected ? 0 : 1);
  }

  static String abbreviate(String text, int max) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }

  static String text(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? "" : value.toString();
  }
}
