package dev.warden.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    List<FunctionRuns.Outcome> outcomes = new ArrayList<>();
    try (DemoEnvironment environment = new DemoEnvironment(root)) {
      FunctionRuns runs = new FunctionRuns(environment);
      int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<FunctionRuns.Outcome>> futures = new ArrayList<>();
      for (SampleFunction function : SampleFunction.ALL) {
        futures.add(pool.submit(() -> runs.monitorLearnEnforce(function)));
      }
      out.println(
          "Warden demo: "
              + SampleFunction.ALL.size()
              + " functions, each in its own Lambda JVM per mode (local runtime, agent attached,"
              + " spans from OTEL_TRACES_EXPORTER=logging-otlp)");
      for (Future<FunctionRuns.Outcome> future : futures) {
        FunctionRuns.Outcome outcome = future.get();
        outcomes.add(outcome);
        TraceTree.print(out, outcome);
      }
      pool.shutdown();
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
