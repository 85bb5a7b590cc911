package dev.warden.agent.cli;

import dev.warden.agent.model.Mode;
import dev.warden.agent.policy.Policy;
import dev.warden.agent.policy.PolicyException;
import dev.warden.localruntime.InvocationResult;
import dev.warden.localruntime.LocalLambdaRuntime;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code invoke} and {@code learn}: the function in a local Lambda runtime (the real runtime
 * interface client in its own JVM) with this jar as its {@code -javaagent}, one event at a time.
 */
final class FunctionRunner {
  /** A learned policy when the function did nothing the agent records: every section empty. */
  static final String NOTHING_LEARNED =
      "{\n  \"mode\": \"enforce\",\n  \"network\": {\n    \"allow\": []\n  },\n"
          + "  \"file\": {\n    \"read\": [],\n    \"write\": []\n  },\n"
          + "  \"process\": {\n    \"allow\": []\n  }\n}\n";

  private FunctionRunner() {}

  static int invoke(
      FunctionOptions options, PrintStream out, PrintStream err, CliEnvironment environment)
      throws CliFailure {
    List<EventFiles.Event> events = EventFiles.read(options.events);
    Path work = workDirectory();
    try {
      return run(options, events, work, out, err, environment).status();
    } finally {
      deleteTree(work);
    }
  }

  static int learn(
      FunctionOptions options, PrintStream out, PrintStream err, CliEnvironment environment)
      throws CliFailure {
    List<EventFiles.Event> events = EventFiles.readFolder(options.eventsDirectory);
    Path work = workDirectory();
    try {
      Outcome outcome = run(options, events, work, out, err, environment);
      if (outcome.initFailed()) {
        err.println("warden: no policy written: the function could not start");
        return WardenCli.FAILED;
      }
      Path learned = work.resolve("learned-policy.json");
      String policy;
      try {
        policy =
            Files.isRegularFile(learned)
                ? Files.readString(learned, StandardCharsets.UTF_8)
                : NOTHING_LEARNED;
      } catch (IOException e) {
        throw new CliFailure("cannot read the learned policy " + learned + ": " + e);
      }
      try {
        Policy.parse(options.output.toString(), policy);
      } catch (PolicyException e) {
        throw new CliFailure("the learned policy does not parse (a bug in Warden): " + e);
      }
      Path output = options.output.toAbsolutePath();
      try {
        if (output.getParent() != null) {
          Files.createDirectories(output.getParent());
        }
        Files.writeString(output, policy, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliFailure("cannot write the learned policy to " + options.output + ": " + e);
      }
      out.println();
      out.println("== learned policy, written to " + options.output);
      out.print(policy);
      out.println();
      out.println("Check what it allows, then enforce it:");
      out.println(
          "  java -jar warden-agent.jar invoke --handler "
              + options.handler
              + " "
              + codeOptions(options)
              + " --mode enforce --policy "
              + options.output
              + " EVENT.json");
      out.println(
          "  on Lambda: ship it with the function and set WARDEN_POLICY=/var/task/"
              + options.output.getFileName()
              + " and WARDEN_MODE=enforce");
      if (outcome.status() != WardenCli.OK) {
        err.println(
            "warden: some events ended in an error, so the policy may miss what their"
                + " invocations would have done");
      }
      return outcome.status();
    } finally {
      deleteTree(work);
    }
  }

  private record Outcome(int status, boolean initFailed) {}

  private static Outcome run(
      FunctionOptions options,
      List<EventFiles.Event> events,
      Path work,
      PrintStream out,
      PrintStream err,
      CliEnvironment environment)
      throws CliFailure {
    Path agentJar = environment.requireAgentJar();
    if (options.policy != null) {
      String problem = CheckPolicyCommand.check(options.policy);
      if (problem != null) {
        throw new CliFailure(problem);
      }
    }
    List<Path> classpath = classpath(options);
    List<Path> runtimeClient = RuntimeClientJars.locate(options.runtimeClient, environment);

    AlertLog alerts = new AlertLog(work.resolve("alerts.jsonl"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_TRACES_EXPORTER", "none");
    env.putAll(options.env);
    env.put("WARDEN_ALERT_LOG", alerts.file().toString());
    if (options.mode != null) {
      env.put("WARDEN_MODE", options.mode.key());
    }
    if (options.policy != null) {
      env.put("WARDEN_POLICY", options.policy.toAbsolutePath().toString());
    }
    if (options.mode == Mode.LEARN) {
      env.put("WARDEN_LEARN_OUTPUT", work.resolve("learned-policy.json").toString());
    }
    String javaToolOptions = "-javaagent:" + agentJar;
    String userOptions = env.remove("JAVA_TOOL_OPTIONS");
    if (userOptions != null && !userOptions.isBlank()) {
      javaToolOptions += " " + userOptions;
    }
    List<String> jvmArguments = new ArrayList<>();
    if (options.hostsFile != null) {
      if (!Files.isRegularFile(options.hostsFile)) {
        throw new CliFailure("--hosts-file " + options.hostsFile + ": no such file");
      }
      jvmArguments.add("-Djdk.net.hosts.file=" + options.hostsFile.toAbsolutePath());
    }

    LocalLambdaRuntime.Builder builder =
        LocalLambdaRuntime.builder()
            .handler(options.handler)
            .classpath(classpath)
            .runtimeClientClasspath(runtimeClient)
            .environment(env)
            .javaToolOptions(javaToolOptions)
            .jvmArguments(jvmArguments)
            .timeout(Duration.ofSeconds(options.timeoutSeconds))
            .logDirectory(work.resolve("logs"));
    if (options.javaHome != null) {
      builder.javaHome(options.javaHome);
    }
    try {
      Files.writeString(alerts.file(), "");
    } catch (IOException e) {
      throw new CliFailure("cannot create the alert log " + alerts.file() + ": " + e);
    }

    int status = WardenCli.OK;
    int responses = 0;
    int errors = 0;
    int alertCount = 0;
    int blocked = 0;
    boolean initFailed = false;
    try (LocalLambdaRuntime lambda = build(builder)) {
      lambda.start();
      FunctionOutput output = new FunctionOutput(lambda, options.verbose, err);
      for (int i = 0; i < events.size(); i++) {
        EventFiles.Event event = events.get(i);
        InvocationResult result = lambda.invoke(event.json());
        output.show();
        out.println(
            "== "
                + event.file()
                + ": "
                + (result.succeeded() ? "response" : "error")
                + " ("
                + (result.coldStart() ? "cold start" : "warm")
                + result.initDuration().map(d -> ", init " + d.toMillis() + " ms").orElse("")
                + ", "
                + result.duration().toMillis()
                + " ms)");
        if (result.succeeded()) {
          responses++;
          out.println("  response: " + result.response());
        } else {
          errors++;
          status = WardenCli.FAILED;
          out.println(
              "  error: "
                  + result.errorType()
                  + (result.errorMessage() == null ? "" : ": " + result.errorMessage()));
          if (isMissingHandler(result, options.handler)) {
            out.println(
                "  hint: the handler class is not in the function's code; check --handler and"
                    + " --jar/--classpath");
          }
        }
        List<String> lines = alerts.newLines();
        out.println("  alerts: " + lines.size());
        for (String line : lines) {
          out.println("    " + AlertLog.compact(line));
          if (AlertLog.isBlocked(line)) {
            blocked++;
          }
        }
        alertCount += lines.size();
        if (result.outcome() == InvocationResult.Outcome.INIT_ERROR) {
          initFailed = true;
          int left = events.size() - i - 1;
          if (left > 0) {
            out.println(
                "  (the function cannot start, so the other "
                    + left
                    + " event"
                    + (left == 1 ? "" : "s")
                    + " were not run)");
          }
          if (!options.verbose) {
            err.print(tail(lambda.stderr(), 20));
          }
          break;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new CliFailure("the local runtime failed: " + e.getMessage());
    }
    out.println(
        "== "
            + events.size()
            + (events.size() == 1 ? " event: " : " events: ")
            + responses
            + " response"
            + (responses == 1 ? "" : "s")
            + ", "
            + errors
            + " error"
            + (errors == 1 ? "" : "s")
            + "; "
            + alertCount
            + " alert"
            + (alertCount == 1 ? "" : "s")
            + ", "
            + blocked
            + " blocked");
    return new Outcome(status, initFailed);
  }

  /** The runtime client reports a handler class it cannot load as each invocation's error. */
  static boolean isMissingHandler(InvocationResult result, String handler) {
    String className =
        handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    return "java.lang.ClassNotFoundException".equals(result.errorType())
        && result.errorMessage() != null
        && result.errorMessage().contains(className);
  }

  private static LocalLambdaRuntime build(LocalLambdaRuntime.Builder builder) throws CliFailure {
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new CliFailure(e.getMessage());
    }
  }

  /** The function's jars and folders; {@code DIR/*} is the jars in DIR, as for {@code java}. */
  static List<Path> classpath(FunctionOptions options) throws CliFailure {
    List<Path> entries = new ArrayList<>();
    for (String jar : options.jars) {
      Path p = Path.of(jar);
      if (!Files.isRegularFile(p)) {
        throw new CliFailure("--jar " + jar + ": no such file");
      }
      entries.add(p.toAbsolutePath());
    }
    for (String classpath : options.classpaths) {
      for (String entry : classpath.split(File.pathSeparator)) {
        if (entry.isEmpty()) {
          continue;
        }
        if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
          Path directory = Path.of(entry.substring(0, entry.length() - 1) + ".");
          if (!Files.isDirectory(directory)) {
            throw new CliFailure("--classpath entry " + entry + ": no such folder");
          }
          try (Stream<Path> files = Files.list(directory)) {
            files
                .filter(f -> f.getFileName().toString().endsWith(".jar"))
                .sorted()
                .forEach(f -> entries.add(f.toAbsolutePath().normalize()));
          } catch (IOException e) {
            throw new CliFailure("--classpath entry " + entry + ": cannot list it: " + e);
          }
          continue;
        }
        Path p = Path.of(entry);
        if (!Files.exists(p)) {
          throw new CliFailure("--classpath entry " + entry + ": no such file or folder");
        }
        entries.add(p.toAbsolutePath());
      }
    }
    return entries;
  }

  private static String codeOptions(FunctionOptions options) {
    List<String> parts = new ArrayList<>();
    options.jars.forEach(j -> parts.add("--jar " + j));
    options.classpaths.forEach(c -> parts.add("--classpath '" + c + "'"));
    return String.join(" ", parts);
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines - 1);
    StringBuilder out = new StringBuilder();
    for (int i = from; i < all.length; i++) {
      if (!all[i].isEmpty()) {
        out.append("  | ").append(all[i]).append('\n');
      }
    }
    return out.toString();
  }

  private static Path workDirectory() throws CliFailure {
    try {
      return Files.createTempDirectory("warden-cli");
    } catch (IOException e) {
      throw new CliFailure("cannot create a temporary directory: " + e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }

  /** With --verbose, the function's standard output and error as they grow, on our stderr. */
  private static final class FunctionOutput {
    private final LocalLambdaRuntime lambda;
    private final boolean verbose;
    private final PrintStream err;
    private int stdoutShown;
    private int stderrShown;

    FunctionOutput(LocalLambdaRuntime lambda, boolean verbose, PrintStream err) {
      this.lambda = lambda;
      this.verbose = verbose;
      this.err = err;
    }

    void show() {
      if (!verbose) {
        return;
      }
      String stdout = lambda.stdout();
      String stderr = lambda.stderr();
      err.print(stdout.substring(Math.min(stdoutShown, stdout.length())));
      err.print(stderr.substring(Math.min(stderrShown, stderr.length())));
      err.flush();
      stdoutShown = stdout.length();
      stderrShown = stderr.length();
    }
  }
}
