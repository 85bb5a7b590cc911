package dev.warden.benchmarks.coldstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Where a cold start's CPU goes, per configuration: the sample function launched as the cold-start
 * bench launches it, under async-profiler (CPU samples of every thread, JVM-internal frames
 * included), each launch cut at its first response, then summed into what the process was doing and
 * what kind of JVM work it was. Launches are interleaved as in the bench. The profiler slows the
 * JVM down (more so with a short interval), so the figures are for comparing configurations and
 * rows, not cold-start times. Run by {@code scripts/profile-cold-start.sh}.
 */
public final class ColdStartProfile {
  private ColdStartProfile() {}

  static final String USAGE =
      String.join(
          "\n",
          "usage: ColdStartProfile [--runs N] [--jdk JAVA_HOME]... [--configs LIST]",
          "                        [--interval MICROS] [--function quote-api|typed] [--repo DIR]",
          "  --runs N           profiled launches per configuration and JDK (default 6)",
          "  --interval MICROS  CPU time between samples, per thread (default 1000)",
          "  --configs LIST     comma-separated subset of none,empty,floor,builder,monitor,learn,otel",
          "                     (default none,floor,monitor)",
          "  the other options as in the cold-start bench");

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      List<String> benchArgs = new ArrayList<>();
      int intervalMicros = 1000;
      boolean configsGiven = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--interval") && i + 1 < args.length) {
          intervalMicros = BenchOptions.positive("--interval", args[++i]);
        } else {
          configsGiven |= args[i].equals("--configs");
          benchArgs.add(args[i]);
        }
      }
      if (!configsGiven) {
        benchArgs.addAll(List.of("--configs", "floor,monitor"));
      }
      if (!benchArgs.contains("--runs")) {
        benchArgs.addAll(List.of("--runs", "6"));
      }
      run(BenchOptions.parse(benchArgs.toArray(new String[0])), intervalMicros);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("cold-start profile: " + e.getMessage());
      System.exit(2);
    } catch (BenchFailure e) {
      System.err.println("\ncold-start profile FAILED: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(BenchOptions options, int intervalMicros)
      throws IOException, InterruptedException {
    Artifacts artifacts = Artifacts.under(options.repository());
    Path work = Files.createTempDirectory("warden-cold-start-profile");
    Path profiler = extractProfiler(options.repository(), work);
    List<Configuration> configurations = List.copyOf(options.configurations());
    Map<String, String> labels = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    for (Configuration configuration : configurations) {
      labels.put(configuration.id, configuration.label);
      ids.add(configuration.id);
    }
    StringBuilder report = new StringBuilder();
    try (OtlpCountingReceiver receiver = new OtlpCountingReceiver();
        PartnerApi partner = new PartnerApi()) {
      Launcher launcher = new Launcher(artifacts, options, receiver, partner, work);
      for (Path home : options.jdks()) {
        Jdk jdk = Jdk.at(home);
        ProfileBreakdown breakdown = new ProfileBreakdown(intervalMicros / 1000.0);
        // run -1 is uncounted: it warms the page cache for every jar
        for (int run = -1; run < options.runs(); run++) {
          for (Configuration configuration : ColdStartBench.rotated(configurations, run + 1)) {
            Path jfr = work.resolve(configuration.id + "-" + jdk.fileLabel() + "-" + run + ".jfr");
            String option =
                "-agentpath:"
                    + profiler
                    + "=start,event=cpu,interval="
                    + intervalMicros
                    + "us,file="
                    + jfr;
            Instant response = launcher.profileToFirstResponse(jdk, configuration, run, option);
            if (run >= 0) {
              breakdown.addLaunch(configuration.id, jfr, response);
            }
            System.out.printf(
                Locale.ROOT, "%s, %s, run %d profiled%n", jdk.label(), configuration.label, run);
          }
        }
        String section =
            "## "
                + jdk.label()
                + " ("
                + jdk.version()
                + "), "
                + options.runs()
                + " launches each, a sample per "
                + intervalMicros
                + " µs of CPU per thread\n\n"
                + breakdown.markdown(ids, labels);
        System.out.println("\n" + section);
        report.append(section).append('\n');
      }
    }
    Files.createDirectories(options.outputDirectory());
    Path written = options.outputDirectory().resolve("cold-start-profile.md");
    Files.writeString(
        written,
        "# Where a cold start's CPU goes\n\n`"
            + System.getProperty("bench.command", "ColdStartProfile")
            + "` at "
            + Instant.now()
            + ", revision "
            + System.getProperty("bench.revision", "?")
            + "\n\n"
            + report);
    System.out.println("written to " + written);
  }

  /** async-profiler's native library for this machine, from its Maven Central jar. */
  private static Path extractProfiler(Path repository, Path work) throws IOException {
    Path jar = repository.resolve("benchmarks/target/bench/async-profiler.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the benchmarks module");
    }
    String arch = System.getProperty("os.arch").equals("aarch64") ? "linux-arm64" : "linux-x64";
    try (JarFile file = new JarFile(jar.toFile());
        InputStream library = file.getInputStream(file.getEntry(arch + "/libasyncProfiler.so"))) {
      Path target = work.resolve("libasyncProfiler.so");
      Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    }
  }
}
