package dev.warden.demo;

import dev.warden.localruntime.InvocationResult;
import dev.warden.localruntime.Json;
import dev.warden.localruntime.LocalLambdaRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a sample function through the local Lambda runtime with the agent: one function JVM per
 * mode, reused across that mode's events, as one Lambda execution environment would be.
 */
final class FunctionRuns {
  private final DemoEnvironment environment;

  FunctionRuns(DemoEnvironment environment) {
    this.environment = environment;
  }

  /**
   * Every sample function, a few at a time (each in its own JVMs); {@code inOrder} sees each
   * function's outcome in {@link SampleFunction#ALL}'s order as soon as it and those before it are
   * done.
   */
  static List<Outcome> runAll(
      DemoEnvironment environment, java.util.function.Consumer<Outcome> inOrder) throws Exception {
    FunctionRuns runs = new FunctionRuns(environment);
    int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Outcome>> futures = new ArrayList<>();
      for (SampleFunction function : SampleFunction.ALL) {
        futures.add(pool.submit(() -> runs.monitorLearnEnforce(function)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (java.util.concurrent.Future<Outcome> future : futures) {
        Outcome outcome = future.get();
        outcomes.add(outcome);
        inOrder.accept(outcome);
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What one function did in every mode: monitor, learn on the normal event, enforce. */
  record Outcome(
      SampleFunction function,
      List<InvocationRecord> invocations,
      String policy,
      boolean agentWrotePolicy) {}

  /**
   * Monitor (normal, attack), learn (normal) and enforce with the learned policy (normal, attack).
   */
  Outcome monitorLearnEnforce(SampleFunction function) throws IOException, InterruptedException {
    Path directory = Files.createDirectories(environment.workDirectory.resolve(function.name()));
    Path policy = directory.resolve("learned-policy.json");
    List<InvocationRecord> all = new ArrayList<>();
    all.addAll(run(function, Mode.MONITOR, function.events(), null, directory));
    all.addAll(run(function, Mode.LEARN, List.of("normal"), policy, directory));
    boolean agentWrotePolicy = awaitPolicy(policy);
    String learned = Files.readString(policy, StandardCharsets.UTF_8);
    all.addAll(run(function, Mode.ENFORCE, function.events(), policy, directory));
    return new Outcome(function, all, learned, agentWrotePolicy);
  }

  /**
   * Invokes {@code events} in order in one function JVM. In learn mode {@code policy} is where the
   * policy is written; in enforce mode it is the policy to enforce.
   */
  List<InvocationRecord> run(
      SampleFunction function, Mode mode, List<String> events, Path policy, Path directory)
      throws IOException, InterruptedException {
    Path alertLog = directory.resolve(mode.wardenMode() + "-alerts.jsonl");
    Files.deleteIfExists(alertLog);
    Map<String, String> variables = new HashMap<>(environment.functionConfiguration());
    variables.put("WARDEN_MODE", mode.wardenMode());
    variables.put("WARDEN_ALERT_LOG", alertLog.toString());
    variables.put("OTEL_TRACES_EXPORTER", "logging-otlp");
    // Each invocation's trace as it happens: spans of invocations without alerts are not batched.
    variables.put("OTEL_BSP_SCHEDULE_DELAY", "0");
    variables.put("OTEL_SERVICE_NAME", function.name());
    if (mode == Mode.LEARN) {
      variables.put("WARDEN_LEARN_OUTPUT", policy.toString());
    } else {
      variables.put("WARDEN_LEARN_OUTPUT", directory.resolve("unused-learned.json").toString());
    }
    if (mode == Mode.ENFORCE && policy != null) {
      variables.put("WARDEN_POLICY", policy.toString());
    }
    List<InvocationRecord> records = new ArrayList<>();
    try (LocalLambdaRuntime lambda =
        LocalLambdaRuntime.builder()
            .handler(function.handler())
            .functionName(function.name())
            .classpath(environment.functionClasspath)
            .taskRoot(environment.taskRoot)
            .javaToolOptions("-javaagent:" + environment.agentJar)
            .jvmArguments(List.of("-Djdk.net.hosts.file=" + environment.hostsFile))
            .environment(variables)
            .timeout(Duration.ofSeconds(20))
            .logDirectory(directory.resolve(mode.wardenMode() + "-logs"))
            .build()) {
      lambda.start();
      int invoked = 0;
      for (String event : events) {
        String json =
            Files.readString(environment.event(function.name(), event), StandardCharsets.UTF_8)
                .replace("{{AWS_LAMBDA_RUNTIME_API}}", "127.0.0.1:" + lambda.port());
        InvocationResult result = lambda.invoke(json);
        invoked++;
        // Once the function asks for its next event it has flushed its spans and alerts.
        lambda.awaitNextRequests(invoked + 1, Duration.ofSeconds(5));
        records.add(
            new InvocationRecord(
                function,
                event,
                mode,
                result,
                alertsOf(alertLog, result.requestId()),
                spansOf(lambda.stdout(), result.requestId())));
      }
      if (mode == Mode.LEARN) {
        stopGracefully(lambda);
      }
    }
    return records;
  }

  /**
   * Ends the function JVM with SIGTERM, as Lambda ends an execution environment, so that learn mode
   * writes its policy at exit even when no invocation learned anything new.
   */
  private static void stopGracefully(LocalLambdaRuntime lambda) throws InterruptedException {
    java.util.Optional<ProcessHandle> function = lambda.functionPid().flatMap(ProcessHandle::of);
    if (function.isPresent()) {
      function.get().destroy();
      try {
        function.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // close() kills it
      }
    }
  }

  private static List<Map<String, Object>> alertsOf(Path alertLog, String requestId)
      throws IOException {
    List<Map<String, Object>> alerts = new ArrayList<>();
    if (!Files.exists(alertLog)) {
      return alerts;
    }
    for (String line : Files.readAllLines(alertLog, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> alert = Json.parseObject(line);
      if (requestId.equals(alert.get("faas.invocation_id"))
          && !alert.containsKey("warden.summary")) {
        alerts.add(alert);
      }
    }
    return alerts;
  }

  /** The spans of the trace whose invocation span carries {@code faas.invocation_id}. */
  private static List<Span> spansOf(String stdout, String requestId) {
    List<Span> spans = Span.parseOtlpLines(stdout);
    Set<String> traces =
        spans.stream()
            .filter(s -> requestId.equals(s.attribute("faas.invocation_id")))
            .map(Span::traceId)
            .collect(java.util.stream.Collectors.toSet());
    return spans.stream().filter(s -> traces.contains(s.traceId())).toList();
  }

  /**
   * The policy learn mode wrote. The agent writes one only once it has learned something (agent
   * issue: README says every section is written, empty ones too); when it wrote none, the function
   * did nothing to allow, and the policy that says so, all sections present and empty, is used.
   */
  static boolean awaitPolicy(Path policy) throws IOException, InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!Files.exists(policy) && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    if (Files.exists(policy)) {
      return true;
    }
    Files.writeString(policy, NOTHING_LEARNED, StandardCharsets.UTF_8);
    return false;
  }

  static final String NOTHING_LEARNED =
      "{ \"mode\": \"enforce\", \"network\": { \"allow\": [] },"
          + " \"file\": { \"read\": [], \"write\": [] }, \"process\": { \"allow\": [] } }\n";
}
