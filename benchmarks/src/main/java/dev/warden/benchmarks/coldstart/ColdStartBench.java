package dev.warden.benchmarks.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The cold-start bench of issue 5: a benign sample function launched through the local runtime and
 * the real AWS runtime interface client with no agent, three reference agents (an empty one, a bare
 * Byte Buddy agent weaving one trivial advice into the JDK methods Warden hooks, and the issue's
 * Byte Buddy agent written the obvious way, with an AgentBuilder), Warden (monitor, enforce with a
 * learned policy, learn) and the OpenTelemetry Java agent, N counted launches each, interleaved, on
 * each JDK. Per launch: JVM launch to first response, CPU to it, peak RSS, and the warm invocations
 * (the first ones and the second half, response and time until the next request). Run by {@code
 * scripts/bench-cold-start.sh}.
 */
public final class ColdStartBench {
  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    // The JDK's HTTP server writes a response's headers and body separately; without
    // TCP_NODELAY, Nagle's algorithm and the client's delayed ACK add 40 ms to every call to the
    // partner API and every export, which would swamp the figures being measured.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      run(BenchOptions.parse(args));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("cold-start bench: " + e.getMessage());
      System.exit(2);
    } catch (BenchFailure e) {
      System.err.println("\ncold-start bench FAILED: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(BenchOptions options) throws IOException, InterruptedException {
    Artifacts artifacts = Artifacts.under(options.repository());
    List<Jdk> jdks = options.jdks().stream().map(Jdk::at).toList();
    List<Configuration> configurations = List.copyOf(options.configurations());
    ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    String loadAtStart = Machine.loadAverage();
    Path work = Files.createTempDirectory("warden-cold-start-bench");
    List<LaunchResult> results = new ArrayList<>();
    Map<String, Map<Configuration, String>> timelines = new LinkedHashMap<>();
    Map<String, Path> policies = new HashMap<>();
    // "JDK 17, OpenTelemetry agent" -> distinct warnings the function JVM printed
    Map<String, Set<String>> warnings = new LinkedHashMap<>();
    boolean succeeded = false;
    try (OtlpCountingReceiver receiver = new OtlpCountingReceiver();
        PartnerApi partner = new PartnerApi()) {
      Launcher launcher = new Launcher(artifacts, options, receiver, partner, work);
      Files.createDirectories(options.outputDirectory());

      // Uncounted: warms the page cache for every jar, learns each JDK's policy (as a user
      // would, before switching to enforce), and takes Warden's premain timelines.
      for (Jdk jdk : jdks) {
        System.out.println(
            jdk.label() + ": uncounted launches (warm-up, learn, premain timelines)");
        Map<Configuration, String> lines = new EnumMap<>(Configuration.class);
        for (Configuration configuration : preliminaryOrder(configurations)) {
          Launcher.Launched launched =
              launcher.launch(
                  jdk,
                  configuration,
                  0,
                  policies.get(jdk.label()),
                  configuration.tellsItsPremain());
          if (configuration == Configuration.WARDEN_LEARN) {
            Path policy =
                options.outputDirectory().resolve("learned-policy-" + jdk.fileLabel() + ".json");
            Files.copy(launched.learnOutput(), policy, StandardCopyOption.REPLACE_EXISTING);
            policies.put(jdk.label(), policy);
          }
          if (configuration.tellsItsPremain()) {
            lines.put(configuration, startupLine(launched.stderr()));
          }
          noteWarnings(warnings, jdk, configuration, launched.stderr());
          System.out.println("  " + describe(launched.result()));
        }
        timelines.put(jdk.label(), lines);
      }

      for (int run = 1; run <= options.runs(); run++) {
        for (Jdk jdk : jdks) {
          // Each run starts at another configuration, so none always follows the same one.
          for (Configuration configuration : rotated(configurations, run - 1)) {
            Launcher.Launched launched =
                launcher.launch(jdk, configuration, run, policies.get(jdk.label()), false);
            noteWarnings(warnings, jdk, configuration, launched.stderr());
            LaunchResult result = launched.result();
            results.add(result);
            System.out.println(
                "run " + run + "/" + options.runs() + " " + jdk.label() + " " + describe(result));
          }
        }
      }
      succeeded = true;
    } finally {
      if (succeeded) {
        deleteTree(work);
      } else {
        System.err.println("the function logs of the launches are kept in " + work);
      }
    }

    ZonedDateTime finished = ZonedDateTime.now(ZoneOffset.UTC);
    String loadAtEnd = Machine.loadAverage();
    List<String> header = new ArrayList<>();
    header.add(
        "date: "
            + started.format(DateTimeFormatter.ISO_LOCAL_DATE)
            + " "
            + started.format(DateTimeFormatter.ofPattern("HH:mm"))
            + "–"
            + finished.format(DateTimeFormatter.ofPattern("HH:mm"))
            + " UTC; load average (1 min) "
            + loadAtStart
            + " at start, "
            + loadAtEnd
            + " at end");
    header.add("machine: " + Machine.describe());
    for (Jdk jdk : jdks) {
      header.add(jdk.label() + ": " + jdk.version() + " " + jdk.vendor() + ", " + jdk.home());
    }
    header.add("command: `" + options.command() + "`");
    String revision = System.getProperty("bench.revision");
    if (revision != null && !revision.isBlank()) {
      header.add("revision: " + revision);
    }
    header.add(
        "function: "
            + options.function().handler
            + (options.function().eventResource == null
                ? " with " + SampleFunction.INLINE_EVENT
                : " with events/" + options.function().eventResource)
            + (options.function() == SampleFunction.QUOTE_API
                ? ", one HTTP call per invocation to a partner API on 127.0.0.1"
                : "")
            + "; "
            + options.memoryMb()
            + " MB");
    header.add(
        "agents, each via JAVA_TOOL_OPTIONS=-javaagent:...: empty agent "
            + kib(artifacts.emptyAgent())
            + " (a premain that does nothing: what the JVM charges for any -javaagent, among it"
            + " the java.instrument module and class data sharing's archived module graph"
            + " disabled); bare Byte Buddy agent "
            + kib(artifacts.floorAgent())
            + " (Byte Buddy "
            + manifestAttribute(artifacts.floorAgent(), "Byte-Buddy-Version")
            + ", relocated; one trivial enter advice woven with Byte Buddy's advice visitor,"
            + " no AgentBuilder, into the JDK methods Warden hooks at premain, retransforming"
            + " those already loaded; no rules, no export: what any Byte Buddy agent hooking"
            + " them pays); Byte Buddy agent the obvious way "
            + kib(artifacts.builderAgent())
            + " (issue 5's reference: an AgentBuilder with Byte Buddy's defaults, the floor's advice"
            + " at ten JDK choke points; the issue's cold-start target is a third of its cost);"
            + " Warden "
            + kib(artifacts.wardenAgent())
            + " (monitor: default rules, no policy; enforce: the policy learned in an uncounted"
            + " learn launch; learn: WARDEN_LEARN_OUTPUT in a temporary directory);"
            + " OpenTelemetry Java agent "
            + manifestAttribute(artifacts.otelAgent(), "Implementation-Version")
            + " "
            + kib(artifacts.otelAgent())
            + " (traces only: OTEL_METRICS_EXPORTER=none, OTEL_LOGS_EXPORTER=none)");
    header.add(
        "export: OTLP/HTTP protobuf to a receiver on 127.0.0.1 that answers 200 at once;"
            + " the OpenTelemetry agent flushes at the end of each invocation; Warden exports the"
            + " first invocation and any with an alert before the next request, and batches the"
            + " others ("
            + (options.exportBatchSize() > 0
                ? "OTEL_BSP_MAX_EXPORT_BATCH_SIZE="
                    + options.exportBatchSize()
                    + ": that many spans"
                : "default OTEL_BSP_* settings: 64 spans")
            + " or 5 s, and at shutdown, which the"
            + " local runtime signals with SIGTERM as Lambda does); the reference agents export"
            + " nothing");
    header.add(
        options.runs()
            + " counted launches per configuration and JDK, interleaved (each run rotates the"
            + " order); cold start = JVM launch → first response (Init Duration + first"
            + " invocation); peak RSS = VmHWM of the function JVM after the first response and"
            + " after the warm invocations; "
            + options.warmInvocations()
            + " warm invocations per launch, each sent once the function asks for it, the first "
            + Math.min(Launcher.EARLY_WARM, options.warmInvocations())
            + " (JIT compilation still going on) and the second half reported apart: response"
            + " time, and time until the function asks for its next event (what Lambda bills,"
            + " post-response work such as export included), and over the second half the"
            + " function JVM's CPU time per invocation (all threads, /proc/PID/stat: work done in"
            + " the background while the function runs shows there, not in the times); all"
            + " figures medians over launches");
    List<String> notes = new ArrayList<>();
    if (configurations.contains(Configuration.EMPTY_AGENT)
        || configurations.contains(Configuration.BYTE_BUDDY_FLOOR)) {
      notes.add(
          "the reference agents show what part of an agent's cost is inherent: the empty agent's"
              + " over no agent is what the JVM charges for -javaagent; the bare Byte Buddy"
              + " agent's over the empty agent is loading Byte Buddy and weaving the hooks; what"
              + " Warden adds over the bare Byte Buddy agent is Warden's own (its rules, alerts,"
              + " spans and export)");
    }
    if (configurations.contains(Configuration.BYTE_BUDDY_BUILDER)) {
      notes.add(
          "the AgentBuilder agent is issue 5's other reference: Byte Buddy's AgentBuilder with its"
              + " defaults, the bare Byte Buddy agent's advice at ten JDK choke points; the issue"
              + " measured its own such agent (which counted the calls) at ×2.6 and +60 MiB, and"
              + " states Warden's +250 ms as a third of its cost and a fifteenth of the"
              + " OpenTelemetry agent's");
    }
    if (options.runs() < 5) {
      notes.add(
          options.runs()
              + " counted launch(es) per configuration are too few for a figure: a check, not a"
              + " measurement");
    }
    int processors = Runtime.getRuntime().availableProcessors();
    if (Double.parseDouble(loadAtStart) > processors
        || Double.parseDouble(loadAtEnd) > processors) {
      // other work competed with the launches for the CPUs: ratios hold up better than times
      notes.add(
          "the machine was busy (load average "
              + loadAtStart
              + " at start, "
              + loadAtEnd
              + " at end, on "
              + processors
              + " CPUs): the figures are noisy; run again on an idle machine for published ones");
    }
    warnings.forEach(
        (where, lines) -> lines.forEach(line -> notes.add(where + " printed: `" + line + "`")));
    Report report = new Report(header, jdks, configurations, results, timelines, notes);
    String markdown = report.markdown();
    System.out.println();
    System.out.println(markdown);
    String stamp = started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path markdownFile = options.outputDirectory().resolve("cold-start-" + stamp + ".md");
    Path csvFile = options.outputDirectory().resolve("cold-start-" + stamp + ".csv");
    Files.writeString(markdownFile, markdown);
    Files.writeString(csvFile, report.csv());
    Files.copy(
        markdownFile,
        options.outputDirectory().resolve("cold-start-latest.md"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        csvFile,
        options.outputDirectory().resolve("cold-start-latest.csv"),
        StandardCopyOption.REPLACE_EXISTING);
    System.out.println("written: " + markdownFile + " and " + csvFile);
  }

  /** Every configuration once, the learn launch before enforce, which needs its policy. */
  static List<Configuration> preliminaryOrder(List<Configuration> configurations) {
    List<Configuration> order = new ArrayList<>(configurations);
    if (order.contains(Configuration.WARDEN_ENFORCE)) {
      order.remove(Configuration.WARDEN_LEARN);
      order.add(order.indexOf(Configuration.WARDEN_ENFORCE), Configuration.WARDEN_LEARN);
    }
    return order;
  }

  static <T> List<T> rotated(List<T> items, int by) {
    List<T> rotated = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      rotated.add(items.get((i + by) % items.size()));
    }
    return rotated;
  }

  /**
   * Warden's warnings and the JVM's own (such as the class data sharing one an appended boot class
   * path causes) explain figures; the report repeats each distinct one.
   */
  private static void noteWarnings(
      Map<String, Set<String>> warnings, Jdk jdk, Configuration configuration, String stderr) {
    stderr
        .lines()
        .filter(line -> line.startsWith("[warden] warn") || line.contains("VM warning:"))
        .forEach(
            line ->
                warnings
                    .computeIfAbsent(
                        jdk.label() + ", " + configuration.label, k -> new LinkedHashSet<>())
                    .add(line.strip()));
  }

  static String startupLine(String stderr) {
    return stderr
        .lines()
        .filter(
            line ->
                line.startsWith("[warden] info start-up")
                    || line.startsWith("[floor-agent] premain")
                    || line.startsWith("[builder-agent] premain"))
        .findFirst()
        .orElse("(no start-up line)");
  }

  private static String describe(LaunchResult r) {
    return r.configuration().label
        + ": cold start "
        + Report.millis(r.coldStartNanos())
        + " ms (init "
        + Report.millis(r.initNanos())
        + " ms), peak RSS "
        + Report.mib(r.peakRssKib())
        + " MiB, warm "
        + Report.warmMillis(r.steadyWarm().responseNanos())
        + " ms (until next request "
        + Report.warmMillis(r.steadyWarm().untilNextRequestNanos())
        + " ms, mean "
        + Report.warmMillis(r.steadyWarm().untilNextRequestMeanNanos())
        + " ms; CPU "
        + Report.warmMillis(r.steadyWarm().cpuNanosPerInvocation())
        + " ms per invocation; peak RSS "
        + Report.signedMib(r.steadyWarm().peakRssGrowthKib())
        + " MiB over the second half)";
  }

  private static String kib(Path file) throws IOException {
    return "(" + Files.size(file) / 1024 + " KiB jar)";
  }

  private static String manifestAttribute(Path jar, String name) {
    try (JarFile file = new JarFile(jar.toFile())) {
      String version = file.getManifest().getMainAttributes().getValue(name);
      return version == null ? "?" : version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
