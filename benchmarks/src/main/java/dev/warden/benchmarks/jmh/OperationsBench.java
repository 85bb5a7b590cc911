package dev.warden.benchmarks.jmh;

import dev.warden.benchmarks.jmh.ResultTable.Measurement;
import dev.warden.benchmarks.jmh.ResultTable.Operation;
import dev.warden.benchmarks.jmh.ResultTable.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link InterceptedOperations} with no agent, Warden in monitor mode (built-in rules, no
 * policy) and Warden in enforce mode (a policy allowing exactly what the benchmarks do), in forked
 * JVMs that attach the agent with {@code -javaagent}, and prints them side by side.
 *
 * <p>Warden is configured by environment variables only, and JMH gives every fork the host's
 * environment. So each configuration gets a generated wrapper script that sets its environment and
 * {@code exec}s this JVM's own {@code java}, passed to JMH as the fork's {@code jvm}. That keeps
 * one host process and one report, and lets the runs interleave: for each operation the three
 * configurations run back to back, so slow drift of a shared machine hits all three alike.
 *
 * <pre>
 * java -cp 'benchmarks/target/warden-benchmarks-*.jar:benchmarks/target/bench/lib/*' \
 *     dev.warden.benchmarks.jmh.OperationsBench [--quick] [--only REGEX] [--prof gc]
 *     [--agent agent/target/warden-agent.jar] [--output benchmarks/target/bench]
 * </pre>
 *
 * Exit status 1 when a fork's agent check fails, 2 when an allowed operation raised an alert.
 */
public final class OperationsBench {
  /** Set by scripts/bench-operations.sh, so the report names the command a reader can rerun. */
  static final String COMMAND_PROPERTY = "warden.bench.command";

  private static final double FILE_OPEN_TARGET_NANOS = 300;
  private static final double CONNECT_TARGET_NANOS = 1_000;

  static final List<Operation> OPERATIONS =
      List.of(
          new Operation(
              "fileInputStreamOpenClose", "FileInputStream open+close", FILE_OPEN_TARGET_NANOS),
          new Operation("fileChannelOpenClose", "FileChannel.open+close", FILE_OPEN_TARGET_NANOS),
          new Operation("filesReadAllBytes", "Files.readAllBytes (100 B)", FILE_OPEN_TARGET_NANOS),
          new Operation(
              "fileOutputStreamOpenClose", "FileOutputStream open+close", FILE_OPEN_TARGET_NANOS),
          new Operation("loopbackConnectClose", "loopback TCP connect+close", CONNECT_TARGET_NANOS),
          new Operation("dnsLookupLocalhost", "getAllByName(\"localhost\")", Double.NaN),
          new Operation("processStartTrueAndWait", "start /usr/bin/true + waitFor", Double.NaN),
          new Operation(
              "addedByHookFileRead",
              "added by the hook alone: file read (dispatcher call)",
              FILE_OPEN_TARGET_NANOS),
          new Operation(
              "addedByHookConnect",
              "added by the hook alone: connect (dispatcher call)",
              CONNECT_TARGET_NANOS));

  private final Settings settings;
  private final Path agent;
  private final Path runDirectory;
  private final Path logs;
  private final Path policy;
  private final Map<Configuration, Path> alertLogs = new EnumMap<>(Configuration.class);
  private final Map<Configuration, Path> wrappers = new EnumMap<>(Configuration.class);
  private final List<Operation> operations;

  /** The files the benchmarks open; under /tmp, where the built-in rules expect writes. */
  private Path files;

  private OperationsBench(Settings settings) throws IOException {
    this.settings = settings;
    this.agent = settings.agent.toAbsolutePath().normalize();
    String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    this.runDirectory =
        settings
            .output
            .resolve("operations-jdk" + Runtime.version().feature() + "-" + stamp)
            .toAbsolutePath();
    this.logs = runDirectory.resolve("jmh-logs");
    this.policy = runDirectory.resolve("enforce-policy.json");
    this.operations =
        OPERATIONS.stream().filter(o -> settings.only.matcher(o.method()).find()).toList();
  }

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException usage) {
      System.err.println(usage.getMessage());
      System.err.println(
          "usage: OperationsBench [--quick] [--only REGEX] [--prof PROFILER] [--agent JAR]"
              + " [--output DIR]");
      System.exit(64);
      return;
    }
    if (!Files.isRegularFile(settings.agent)) {
      System.err.println(
          settings.agent
              + " does not exist; build it first (scripts/bench-operations.sh builds what is missing)");
      System.exit(1);
      return;
    }
    System.exit(new OperationsBench(settings).run());
  }

  private int run() throws IOException {
    prepare();
    try {
      List<Row> rows = measureAll();
      return rows == null ? 1 : report(rows) ? 0 : 2;
    } finally {
      deleteRecursively(files);
    }
  }

  /**
   * The benchmarks' files, the alert logs, the allowing policy and one wrapper per configuration.
   */
  private void prepare() throws IOException {
    Files.createDirectories(logs);
    files = Files.createTempDirectory(Path.of("/tmp"), "warden-jmh-").toRealPath();
    Files.write(files.resolve(InterceptedOperations.SMALL_FILE), new byte[100]);
    Files.write(files.resolve(InterceptedOperations.WRITTEN_FILE), new byte[0]);
    for (Configuration configuration : Configuration.values()) {
      if (configuration.hasAgent()) {
        Path alertLog = runDirectory.resolve("alerts-" + configuration.wardenMode + ".jsonl");
        Files.write(alertLog, new byte[0]);
        alertLogs.put(configuration, alertLog);
      }
    }
    Files.writeString(
        policy,
        allowingPolicy(files, alertLogs.get(Configuration.ENFORCE), localHostName()),
        StandardCharsets.UTF_8);
    for (Configuration configuration : Configuration.values()) {
      wrappers.put(configuration, writeWrapper(configuration));
    }
  }

  /** Each operation in the three configurations back to back; null once a run has failed. */
  private List<Row> measureAll() {
    int total = operations.size() * Configuration.values().length;
    int done = 0;
    System.out.printf(
        Locale.ROOT,
        "%d runs (%s each), JMH logs in %s%n",
        total,
        settings.quick ? "quick: 1 fork, 1x200ms warmup, 3x200ms" : "1 fork, 3x1s warmup, 5x1s",
        logs);
    List<Row> rows = new ArrayList<>();
    for (Operation operation : operations) {
      Map<Configuration, Measurement> measured = new EnumMap<>(Configuration.class);
      for (Configuration configuration : Configuration.values()) {
        done++;
        String name = operation.method() + "-" + configuration.name().toLowerCase(Locale.ROOT);
        Path log = logs.resolve(name + ".log");
        Measurement measurement;
        try {
          measurement = measure(operation, configuration, log, logs.resolve(name + ".json"));
        } catch (RunnerException | RuntimeException failed) {
          System.err.printf(
              Locale.ROOT,
              "[%d/%d] %s, %s: FAILED (%s)%n",
              done,
              total,
              operation.label(),
              configuration.label,
              failed.getMessage());
          checkFailuresIn(log).forEach(System.err::println);
          System.err.println("full JMH output: " + log);
          return null;
        }
        measured.put(configuration, measurement);
        System.out.printf(
            Locale.ROOT,
            "[%d/%d] %-30s %-15s %12.2f ± %.2f %s%n",
            done,
            total,
            operation.label(),
            configuration.label,
            measurement.score(),
            measurement.error(),
            measurement.unit());
      }
      rows.add(new Row(operation, measured));
    }
    return rows;
  }

  /** Prints and writes the report; false when the alert logs show a problem. */
  private boolean report(List<Row> rows) throws IOException {
    List<String> report = new ArrayList<>();
    report.add("");
    report.add(
        "Intercepted operations, JMH average time"
            + (settings.quick ? " (QUICK MODE: noisy, for checking only)" : ""));
    report.add("machine: " + machine());
    report.add(
        "JDK:     "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.home")
            + ")");
    report.add(
        "load:    " + loadAverage() + " (1/5/15 min, at the end: a shared machine is noisy)");
    report.add("date:    " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    report.add(
        "command: "
            + System.getProperty(
                COMMAND_PROPERTY, "OperationsBench " + String.join(" ", settings.arguments)));
    report.add(
        "forks:   -javaagent:"
            + agent
            + "; monitor = built-in rules, no policy; enforce = "
            + policy.getFileName()
            + " (allows exactly these operations)");
    report.add("");
    report.addAll(ResultTable.render(rows));
    report.add("");
    report.add(
        "score ± JMH error (99.9% CI half-width); the error of a difference is the root sum of"
            + " squares. met? = yes only if both Warden columns stay under the target at the top"
            + " of their error bar.");
    boolean quiet = true;
    int forksPerConfiguration = operations.size();
    for (Map.Entry<Configuration, Path> entry : alertLogs.entrySet()) {
      AlertAudit audit =
          AlertAudit.of(
              entry.getKey(), Files.readAllLines(entry.getValue(), StandardCharsets.UTF_8));
      report.addAll(audit.describe(entry.getKey(), forksPerConfiguration));
      quiet &= audit.clean() && audit.canaries == forksPerConfiguration;
    }
    report.add("results: " + runDirectory);
    report.forEach(System.out::println);
    Files.write(runDirectory.resolve("report.md"), report, StandardCharsets.UTF_8);
    writeCsv(runDirectory.resolve("results.csv"), rows);
    return quiet;
  }

  private Measurement measure(Operation operation, Configuration configuration, Path log, Path json)
      throws RunnerException {
    List<String> jvmArgs = new ArrayList<>();
    if (configuration.hasAgent()) {
      jvmArgs.add("-javaagent:" + agent);
    }
    jvmArgs.add("-D" + Configuration.PROPERTY + "=" + configuration.name());
    jvmArgs.add("-D" + InterceptedOperations.FILES_PROPERTY + "=" + files);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(
                "^"
                    + InterceptedOperations.class.getName().replace(".", "\\.")
                    + "\\."
                    + operation.method()
                    + "$")
            .forks(1)
            .jvm(wrappers.get(configuration).toString())
            .jvmArgs(jvmArgs.toArray(new String[0]))
            .shouldFailOnError(true)
            .output(log.toString())
            .result(json.toString())
            .resultFormat(ResultFormatType.JSON);
    if (settings.quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(200))
          .measurementIterations(3)
          .measurementTime(TimeValue.milliseconds(200));
    } else {
      options
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(1));
    }
    for (String profiler : settings.profilers) {
      options.addProfiler(profiler);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    if (results.size() != 1) {
      throw new IllegalStateException("expected one result, JMH gave " + results.size());
    }
    RunResult result = results.iterator().next();
    Result<?> primary = result.getPrimaryResult();
    Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
    return new Measurement(
        primary.getScore(),
        primary.getScoreError(),
        primary.getScoreUnit(),
        allocation == null ? Double.NaN : allocation.getScore());
  }

  /**
   * Allows the benchmarks' files and the alert log the fork's check reads, loopback by address and
   * "localhost" by name, and /usr/bin/true (by canonical path, as Warden judges it). Also the
   * machine's own name: JMH's forked main asks the runtime MXBean for its pid, whose name is
   * "pid@host", and that looks the host name up.
   */
  static String allowingPolicy(Path files, Path alertLog, String hostName) throws IOException {
    String process = Path.of(InterceptedOperations.PROCESS).toRealPath().toString();
    return "{ \"mode\": \"enforce\",\n"
        + "  \"network\": { \"allow\": [\"127.0.0.1\", \"localhost\""
        + (hostName == null ? "" : ", " + quoted(hostName))
        + "] },\n"
        + "  \"file\": { \"read\": ["
        + quoted(files + "/**")
        + ", "
        + quoted(alertLog.toRealPath().toString())
        + "], \"write\": ["
        + quoted(files + "/**")
        + "] },\n"
        + "  \"process\": { \"allow\": ["
        + quoted(process)
        + "] } }\n";
  }

  /**
   * The fork's {@code jvm}: clears whatever in the caller's environment could attach or configure
   * an agent, sets this configuration's, and execs this JVM's java.
   */
  private Path writeWrapper(Configuration configuration) throws IOException {
    Path alertLog = alertLogs.get(configuration);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder script = new StringBuilder();
    script.append("#!/bin/sh\n");
    script
        .append("# Generated by OperationsBench: the forks of '")
        .append(configuration.label)
        .append("'.\n");
    script.append("unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS\n");
    script.append(
        "unset WARDEN_MODE WARDEN_POLICY WARDEN_ALERT_LOG WARDEN_LEARN_OUTPUT WARDEN_DEBUG\n");
    script.append("unset OTEL_EXPORTER_OTLP_ENDPOINT OTEL_EXPORTER_OTLP_TRACES_ENDPOINT\n");
    script.append("unset _HANDLER AWS_LAMBDA_RUNTIME_API LAMBDA_TASK_ROOT\n");
    if (configuration.hasAgent()) {
      script.append("export OTEL_TRACES_EXPORTER=none\n");
      script.append("export WARDEN_MODE=").append(configuration.wardenMode).append('\n');
      script
          .append("export WARDEN_ALERT_LOG=")
          .append(shellQuoted(alertLog.toString()))
          .append('\n');
      if (configuration == Configuration.ENFORCE) {
        script.append("export WARDEN_POLICY=").append(shellQuoted(policy.toString())).append('\n');
      }
    }
    script.append("exec ").append(shellQuoted(java)).append(" \"$@\"\n");
    Path wrapper =
        runDirectory.resolve("java-" + configuration.name().toLowerCase(Locale.ROOT) + ".sh");
    Files.writeString(wrapper, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    return wrapper;
  }

  private static List<String> checkFailuresIn(Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines
          .filter(line -> line.contains("WARDEN BENCH CHECK FAILED") || line.contains("[warden]"))
          .distinct()
          .toList();
    } catch (IOException | UncheckedIOException unreadable) {
      return List.of();
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException | RuntimeException unreadable) {
      return "unknown";
    }
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unknown) {
      return null;
    }
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu =
          lines
              .filter(line -> line.startsWith("model name"))
              .map(line -> line.substring(line.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException | UncheckedIOException unreadable) {
      // Not Linux: the processor count still says something.
    }
    return Runtime.getRuntime().availableProcessors()
        + " CPUs ("
        + cpu
        + "), "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }

  private static void writeCsv(Path file, List<Row> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("operation,configuration,score,error,unit,bytes_per_op");
    for (Row row : rows) {
      row.byConfiguration()
          .forEach(
              (configuration, m) ->
                  lines.add(
                      String.join(
                          ",",
                          row.operation().method(),
                          configuration.name().toLowerCase(Locale.ROOT),
                          String.valueOf(m.score()),
                          String.valueOf(m.error()),
                          m.unit(),
                          String.valueOf(m.bytesPerOp()))));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String quoted(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String shellQuoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The command line. */
  record Settings(
      boolean quick,
      Pattern only,
      List<String> profilers,
      Path agent,
      Path output,
      List<String> arguments) {
    static Settings parse(String[] args) {
      boolean quick = false;
      Pattern only = Pattern.compile("");
      List<String> profilers = new ArrayList<>();
      Path agent = Path.of("agent/target/warden-agent.jar");
      Path output = Path.of("benchmarks/target/bench");
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> quick = true;
          case "--only" -> only = Pattern.compile(value(args, ++i));
          case "--prof" -> profilers.add(value(args, ++i));
          case "--agent" -> agent = Path.of(value(args, ++i));
          case "--output" -> output = Path.of(value(args, ++i));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      Pattern filter = only;
      if (OPERATIONS.stream().noneMatch(o -> filter.matcher(o.method()).find())) {
        throw new IllegalArgumentException("--only " + only + " matches no benchmark");
      }
      return new Settings(quick, only, profilers, agent, output, List.of(args));
    }

    private static String value(String[] args, int index) {
      if (index >= args.length) {
        throw new IllegalArgumentException(args[index - 1] + " needs a value");
      }
      return args[index];
    }
  }
}
