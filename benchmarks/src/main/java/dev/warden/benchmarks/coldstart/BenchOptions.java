package dev.warden.benchmarks.coldstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The bench's command line. */
record BenchOptions(
    int runs,
    int warmInvocations,
    List<Path> jdks,
    Set<Configuration> configurations,
    SampleFunction function,
    int memoryMb,
    int exportBatchSize,
    Path repository,
    Path outputDirectory,
    String command) {

  static final String USAGE =
      String.join(
          "\n",
          "usage: ColdStartBench [--runs N] [--warm W] [--jdk JAVA_HOME]... [--configs LIST]",
          "                      [--function quote-api|typed] [--memory-mb MB] [--repo DIR]",
          "                      [--batch-size N] [--output DIR]",
          "  --runs N        counted launches per configuration and JDK (default 8)",
          "  --warm W        warm invocations after the first one, per launch (default 200)",
          "  --jdk HOME      a JDK to run the function on; repeat for several (default: this",
          "                  JVM's and /usr/lib/jvm/temurin-25-jdk-amd64 if present)",
          "  --configs LIST  comma-separated subset of",
          "                  none,empty,floor,builder,monitor,enforce,learn,otel",
          "                  (default all; 'none' is always included, as the baseline; 'empty',",
          "                  'floor' and 'builder' are the reference agents: a premain that does",
          "                  nothing, one trivial Byte Buddy advice in the JDK methods Warden",
          "                  hooks, and an AgentBuilder with that advice at ten JDK choke points)",
          "  --function F    quote-api (default: API Gateway event, one loopback HTTP call) or",
          "                  typed (trivial handler)",
          "  --memory-mb MB  the function's memory setting, 85% of it its maximum heap (default 512)",
          "  --batch-size N  Warden's OTEL_BSP_MAX_EXPORT_BATCH_SIZE (default: unset, Warden's own",
          "                  default)",
          "  --repo DIR      the repository root with the built artefacts (default: .)",
          "  --output DIR    where the report is written (default: REPO/benchmarks/target/bench)");

  static BenchOptions parse(String[] args) {
    int runs = 8;
    int warm = 200;
    List<Path> jdks = new ArrayList<>();
    Set<Configuration> configurations = EnumSet.allOf(Configuration.class);
    SampleFunction function = SampleFunction.QUOTE_API;
    int memoryMb = 512;
    int exportBatchSize = 0;
    Path repository = Path.of(".");
    Path output = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--runs" -> runs = positive(option, value);
        case "--warm" -> warm = positive(option, value);
        case "--jdk" -> jdks.add(Path.of(value).toAbsolutePath().normalize());
        case "--configs" -> {
          configurations = EnumSet.of(Configuration.NO_AGENT);
          for (String id : value.split(",")) {
            configurations.add(Configuration.byId(id.trim()));
          }
        }
        case "--function" -> function = SampleFunction.byId(value);
        case "--memory-mb" -> memoryMb = positive(option, value);
        case "--batch-size" -> exportBatchSize = positive(option, value);
        case "--repo" -> repository = Path.of(value);
        case "--output" -> output = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    repository = repository.toAbsolutePath().normalize();
    if (jdks.isEmpty()) {
      jdks.add(Path.of(System.getProperty("java.home")));
      Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
      if (Files.isExecutable(jdk25.resolve("bin/java"))) {
        jdks.add(jdk25);
      }
    }
    if (output == null) {
      output = repository.resolve("benchmarks/target/bench");
    }
    // The script passes the command the user typed; run directly, say how.
    String command =
        System.getProperty(
            "bench.command", "java dev.warden.benchmarks.coldstart.ColdStartBench " + join(args));
    return new BenchOptions(
        runs,
        warm,
        List.copyOf(jdks),
        configurations,
        function,
        memoryMb,
        exportBatchSize,
        repository,
        output.toAbsolutePath().normalize(),
        command);
  }

  static int positive(String option, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " needs a positive whole number, not " + value);
  }

  private static String join(String[] args) {
    return String.join(" ", args);
  }
}
