package dev.warden.benchmarks.coldstart;

import dev.warden.localruntime.InvocationResult;
import dev.warden.localruntime.LocalLambdaRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Launches the sample function once through the local runtime and the real runtime client, takes
 * its figures and checks that the launch really ran the configuration it claims: a broken agent or
 * exporter must fail the bench, never make a configuration look fast.
 */
final class Launcher {
  private final Artifacts artifacts;
  private final BenchOptions options;
  private final OtlpCountingReceiver receiver;
  private final PartnerApi partner;
  private final Path workDirectory;
  private final Path taskRoot;
  private final String event;

  /** What one launch gave: its figures, the function's stderr, and where learn mode wrote. */
  record Launched(LaunchResult result, String stderr, Path learnOutput) {}

  Launcher(
      Artifacts artifacts,
      BenchOptions options,
      OtlpCountingReceiver receiver,
      PartnerApi partner,
      Path workDirectory)
      throws IOException {
    this.artifacts = artifacts;
    this.options = options;
    this.receiver = receiver;
    this.partner = partner;
    this.workDirectory = workDirectory;
    // One task root for every launch: a learned policy must not name a directory that changes.
    this.taskRoot = Files.createDirectories(workDirectory.resolve("task"));
    this.event = artifacts.event(options.function());
  }

  /**
   * One launch of {@code configuration} on {@code jdk}. {@code policy} is the learned policy for
   * enforce; {@code debug} sets WARDEN_DEBUG=true (FLOOR_AGENT_DEBUG=true for the bare Byte Buddy
   * agent), for the uncounted launches that print the agent's premain timeline.
   */
  Launched launch(Jdk jdk, Configuration configuration, int run, Path policy, boolean debug)
      throws IOException, InterruptedException {
    Path launchDirectory =
        Files.createTempDirectory(workDirectory, configuration.id + "-" + jdk.fileLabel() + "-");
    Path alertLog = launchDirectory.resolve("alerts.jsonl");
    Path learnOutput = launchDirectory.resolve("learned-policy.json");
    String where = jdk.label() + ", " + configuration.label + ", run " + run;
    receiver.takeCounts(); // whatever came before belongs to no launch of ours
    LocalLambdaRuntime.Builder builder =
        runtime(jdk, launchDirectory)
            .environment(environment(configuration, alertLog, learnOutput, policy, debug));
    String agent = agentOption(configuration);
    if (agent != null) {
      builder.javaToolOptions(agent);
    }
    long peakRssKib;
    long cpuMillis;
    long coldStartNanos;
    long initNanos;
    long[] warm = new long[options.warmInvocations()];
    long[] warmCycle = new long[warm.length];
    LaunchResult.Warm early;
    LaunchResult.Warm steady;
    String stderr;
    try (LocalLambdaRuntime lambda = builder.build()) {
      lambda.start();
      // Invoked at once, so the event is queued before the function asks for it and the first
      // request is answered on arrival: init + duration is then launch -> first response.
      InvocationResult first = lambda.invoke(event);
      check(first, lambda, where + ", first invocation");
      if (!first.coldStart() || first.initDuration().isEmpty()) {
        throw failure(where + ": the first invocation was not a cold start", lambda);
      }
      initNanos = first.initDuration().get().toNanos();
      coldStartNanos = initNanos + first.duration().toNanos();
      long pid =
          lambda
              .functionPid()
              .orElseThrow(() -> failure(where + ": the function JVM exited", lambda));
      Usage atFirstResponse = Usage.of(pid);
      cpuMillis = atFirstResponse.cpuMillis();
      peakRssKib = atFirstResponse.peakRssKib();
      long[] sentNanos = new long[warm.length];
      int earlyEnd = Math.min(EARLY_WARM, warm.length);
      int steadyStart = warm.length / 2;
      Usage atEarlyEnd = atFirstResponse;
      Usage atSteadyStart = atFirstResponse;
      for (int i = 0; i < warm.length; i++) {
        // Sent once the function asks for it (/next #i+1; #0 ended the init, #1 followed the first
        // invocation), as a caller that waits for each response before the next would see it.
        awaitNextRequests(lambda, i + 2, where);
        if (i == earlyEnd) {
          atEarlyEnd = Usage.of(pid);
        }
        if (i == steadyStart) {
          atSteadyStart = Usage.of(pid);
        }
        sentNanos[i] = System.nanoTime();
        InvocationResult result = lambda.invoke(event);
        check(result, lambda, where + ", warm invocation " + (i + 1));
        warm[i] = result.duration().toNanos();
      }
      // The function asks for its next event only after its post-invocation work (export, learn
      // mode's policy file, alert summaries), so that work is done, and counted in the peak, after
      // this.
      awaitNextRequests(lambda, warm.length + 2, where);
      Usage atEnd = Usage.of(pid);
      if (earlyEnd == warm.length) {
        atEarlyEnd = atEnd;
      }
      List<Long> nextRequests = lambda.nextRequestNanos();
      for (int i = 0; i < warm.length; i++) {
        warmCycle[i] = nextRequests.get(i + 2) - sentNanos[i];
      }
      early = warmOf(warm, warmCycle, 0, earlyEnd, atFirstResponse, atEarlyEnd);
      steady = warmOf(warm, warmCycle, steadyStart, warm.length, atSteadyStart, atEnd);
      peakRssKib = Math.max(peakRssKib, atEnd.peakRssKib());
      stderr = lambda.stderr();
    }
    OtlpCountingReceiver.Counts counts = receiver.takeCounts();
    checkAgent(configuration, counts, stderr, alertLog, learnOutput, debug, where);
    LaunchResult result =
        new LaunchResult(
            jdk.label(),
            configuration,
            run,
            coldStartNanos,
            initNanos,
            cpuMillis,
            peakRssKib,
            early,
            steady,
            counts.wardenExports(),
            counts.otelLambdaExports(),
            countLines(alertLog));
    return new Launched(result, stderr, learnOutput);
  }

  /**
   * One launch of {@code configuration} on {@code jdk} under a profiler ({@code profilerOption}, an
   * {@code -agentpath} that writes its samples when the JVM exits), which is ended with SIGTERM as
   * soon as the first response is in: its samples after that instant belong to no cold start, and
   * the caller drops them by it. Returns that instant.
   */
  Instant profileToFirstResponse(
      Jdk jdk, Configuration configuration, int run, String profilerOption)
      throws IOException, InterruptedException {
    if (configuration == Configuration.WARDEN_ENFORCE) {
      throw new IllegalArgumentException(
          "enforce needs a learned policy: profile monitor or learn");
    }
    Path launchDirectory =
        Files.createTempDirectory(workDirectory, configuration.id + "-" + jdk.fileLabel() + "-");
    String where = jdk.label() + ", " + configuration.label + ", profiled run " + run;
    String agent = agentOption(configuration);
    LocalLambdaRuntime.Builder builder =
        runtime(jdk, launchDirectory)
            .environment(
                environment(
                    configuration,
                    launchDirectory.resolve("alerts.jsonl"),
                    launchDirectory.resolve("learned-policy.json"),
                    null,
                    false))
            .javaToolOptions(agent == null ? profilerOption : profilerOption + " " + agent);
    try (LocalLambdaRuntime lambda = builder.build()) {
      lambda.start();
      InvocationResult first = lambda.invoke(event);
      Instant response = Instant.now();
      check(first, lambda, where + ", first invocation");
      long pid =
          lambda
              .functionPid()
              .orElseThrow(() -> failure(where + ": the function JVM exited", lambda));
      ProcessHandle function =
          ProcessHandle.of(pid)
              .orElseThrow(() -> failure(where + ": the function JVM exited", lambda));
      // SIGTERM (destroy, not destroyForcibly), not the SIGKILL Lambda uses without extensions:
      // the profiler writes at exit.
      function.destroy();
      function.onExit().get(30, TimeUnit.SECONDS);
      return response;
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchFailure(where + ": the function JVM did not exit after SIGTERM: " + e);
    }
  }

  /** The sample function on {@code jdk}, through the local runtime and the real runtime client. */
  private LocalLambdaRuntime.Builder runtime(Jdk jdk, Path launchDirectory) {
    return LocalLambdaRuntime.builder()
        .handler(options.function().handler)
        .functionName(options.function().id)
        .memoryMb(options.memoryMb())
        .javaHome(jdk.home())
        .classpath(artifacts.functionClasspath())
        .runtimeClientClasspath(artifacts.runtimeClientClasspath())
        .taskRoot(taskRoot)
        .logDirectory(launchDirectory.resolve("logs"))
        // generous: a loaded 2-core machine may take a while for the OpenTelemetry agent
        .initTimeout(Duration.ofSeconds(120))
        .timeout(Duration.ofSeconds(30));
  }

  /** The first warm invocations are reported apart: JIT compilation is still going on then. */
  static final int EARLY_WARM = 20;

  /** The function JVM's CPU time and peak RSS at one instant. */
  private record Usage(long cpuMillis, long peakRssKib) {
    static Usage of(long pid) throws IOException {
      return new Usage(ProcStatus.cpuMillis(pid), ProcStatus.peakRssKib(pid));
    }
  }

  /** Warm invocations {@code from} to {@code to}, with the usage before and after them. */
  private static LaunchResult.Warm warmOf(
      long[] response, long[] cycle, int from, int to, Usage before, Usage after) {
    long[] cycles = Arrays.copyOfRange(cycle, from, to);
    long cpuMillis = after.cpuMillis() - before.cpuMillis();
    return new LaunchResult.Warm(
        Stats.median(Arrays.copyOfRange(response, from, to)),
        Stats.median(cycles),
        Math.round(Arrays.stream(cycles).average().orElse(0)),
        to > from ? cpuMillis * 1_000_000 / (to - from) : 0,
        after.peakRssKib() - before.peakRssKib());
  }

  private static void awaitNextRequests(LocalLambdaRuntime lambda, int count, String where)
      throws InterruptedException {
    if (!lambda.awaitNextRequests(count, Duration.ofSeconds(30))) {
      throw failure(where + ": the function did not ask for its next event", lambda);
    }
  }

  private Map<String, String> environment(
      Configuration configuration, Path alertLog, Path learnOutput, Path policy, boolean debug) {
    Map<String, String> env = new HashMap<>();
    if (options.function() == SampleFunction.QUOTE_API) {
      env.put("API_BASE_URL", partner.baseUrl());
    }
    if (configuration == Configuration.NO_AGENT) {
      return env;
    }
    if (configuration.isReference()) {
      if (debug && configuration == Configuration.BYTE_BUDDY_FLOOR) {
        env.put("FLOOR_AGENT_DEBUG", "true");
      }
      if (debug && configuration == Configuration.BYTE_BUDDY_BUILDER) {
        env.put("BUILDER_AGENT_DEBUG", "true");
      }
      return env;
    }
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    if (configuration == Configuration.OTEL_AGENT) {
      // Warden exports traces only; the peer is asked for the same job. (Its metrics exporter
      // would only send after 60 s anyway, and it has no logs to send from this function.)
      env.put("OTEL_METRICS_EXPORTER", "none");
      env.put("OTEL_LOGS_EXPORTER", "none");
      return env;
    }
    // A file rather than the default stderr, so the bench can count alerts; same cost per line.
    env.put("WARDEN_ALERT_LOG", alertLog.toString());
    if (options.exportBatchSize() > 0) {
      env.put("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", Integer.toString(options.exportBatchSize()));
    }
    if (debug) {
      env.put("WARDEN_DEBUG", "true");
    }
    switch (configuration) {
      case WARDEN_MONITOR -> {
        // the default mode: users set nothing
      }
      case WARDEN_ENFORCE -> {
        if (policy == null) {
          throw new IllegalStateException("enforce needs the policy of a learn launch");
        }
        env.put("WARDEN_MODE", "enforce");
        env.put("WARDEN_POLICY", policy.toString());
      }
      case WARDEN_LEARN -> {
        env.put("WARDEN_MODE", "learn");
        env.put("WARDEN_LEARN_OUTPUT", learnOutput.toString());
      }
      default -> throw new IllegalStateException("not Warden: " + configuration);
    }
    return env;
  }

  private String agentOption(Configuration configuration) {
    return switch (configuration) {
      case NO_AGENT -> null;
      case OTEL_AGENT -> "-javaagent:" + artifacts.otelAgent();
      case EMPTY_AGENT -> "-javaagent:" + artifacts.emptyAgent();
      case BYTE_BUDDY_FLOOR -> "-javaagent:" + artifacts.floorAgent();
      case BYTE_BUDDY_BUILDER -> "-javaagent:" + artifacts.builderAgent();
      default -> "-javaagent:" + artifacts.wardenAgent();
    };
  }

  private void check(InvocationResult result, LocalLambdaRuntime lambda, String where) {
    if (!result.succeeded()) {
      throw failure(where + " failed: " + result, lambda);
    }
    String response = result.response();
    if (!response.contains(options.function().expectedInResponse)) {
      throw failure(
          where
              + " answered "
              + response
              + ", not a response containing "
              + options.function().expectedInResponse,
          lambda);
    }
  }

  /** The proof that the launch ran with the agent it claims to have, and only that. */
  private static void checkAgent(
      Configuration configuration,
      OtlpCountingReceiver.Counts counts,
      String stderr,
      Path alertLog,
      Path learnOutput,
      boolean debug,
      String where)
      throws IOException {
    StringBuilder problems = new StringBuilder();
    if (configuration.isWarden()) {
      if (counts.wardenExports() == 0) {
        problems
            .append("\n- the receiver got no export of Warden's spans (")
            .append(counts)
            .append(')');
      }
      if (stderr.contains("[warden] error")) {
        problems.append("\n- Warden reported an error on stderr");
      }
      if (debug && !stderr.contains("[warden] info start-up")) {
        problems.append("\n- WARDEN_DEBUG=true printed no start-up timeline");
      }
      if (configuration == Configuration.WARDEN_ENFORCE && countLines(alertLog) > 0) {
        // under the policy it learned, a benign function must be quiet; an alert here is a
        // block or a policy that does not fit, and the launch measured something else
        problems.append("\n- enforce raised alerts under the learned policy: ");
        problems.append(Files.readString(alertLog));
      }
      if (configuration == Configuration.WARDEN_LEARN && !Files.isRegularFile(learnOutput)) {
        problems.append("\n- learn mode wrote no policy to ").append(learnOutput);
      }
    } else if (stderr.contains("[warden]") || counts.wardenExports() > 0) {
      problems.append("\n- Warden ran although it was not attached");
    }
    if (configuration == Configuration.OTEL_AGENT && counts.otelLambdaExports() == 0) {
      problems
          .append("\n- the receiver got no export of the OpenTelemetry agent's Lambda spans (")
          .append(counts)
          .append(')');
    }
    if (configuration == Configuration.NO_AGENT && counts.traceExports() > 0) {
      problems.append("\n- something exported spans with no agent attached");
    }
    if (configuration.isReference() && counts.traceExports() > 0) {
      problems.append("\n- something exported spans with a reference agent attached");
    }
    if (configuration == Configuration.BYTE_BUDDY_FLOOR) {
      if (stderr.contains("[floor-agent] error")) {
        // a hook it failed to weave would make the floor look lower than it is
        problems.append("\n- the bare Byte Buddy agent failed to weave a class");
      }
      if (debug && !stderr.contains("[floor-agent] premain")) {
        problems.append("\n- FLOOR_AGENT_DEBUG=true printed no premain line");
      }
    }
    if (configuration == Configuration.BYTE_BUDDY_BUILDER) {
      if (stderr.contains("[builder-agent] error")) {
        problems.append("\n- the AgentBuilder agent failed to transform a class");
      }
      if (debug && !stderr.contains("[builder-agent] premain")) {
        problems.append("\n- BUILDER_AGENT_DEBUG=true printed no premain line");
      }
    }
    if (problems.length() > 0) {
      throw new BenchFailure(where + ":" + problems + "\nfunction stderr (end):\n" + tail(stderr));
    }
  }

  private static BenchFailure failure(String message, LocalLambdaRuntime lambda) {
    return new BenchFailure(message + "\nfunction stderr (end):\n" + tail(lambda.stderr()));
  }

  private static String tail(String text) {
    List<String> lines = Arrays.asList(text.split("\n"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int countLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (var lines = Files.lines(file)) {
      return (int) lines.filter(line -> !line.isBlank()).count();
    }
  }
}
