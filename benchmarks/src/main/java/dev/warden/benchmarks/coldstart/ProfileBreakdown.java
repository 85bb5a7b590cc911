package dev.warden.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples of profiled launches, each launch cut at its first response, sorted two ways: by
 * what the process was doing (the agent's weaving, the engine's build, linking lambdas, the JIT
 * compiler...) and by the kind of JVM work (parsing classes, verifying, interpreting...). Each
 * sample goes to the first row whose rule matches it. Figures are milliseconds of CPU per launch.
 */
final class ProfileBreakdown {
  /** One sample: the thread's name and its frames, outermost first ({@code pkg.Class.method}). */
  record Sample(String thread, List<String> frames) {}

  /** A row: matches a sample by its thread's name, or by any of its frames. */
  record Row(String name, Pattern thread, Pattern frame) {
    boolean matches(Sample sample) {
      if (thread != null && thread.matcher(sample.thread()).find()) {
        return true;
      }
      if (frame != null) {
        for (String f : sample.frames()) {
          if (frame.matcher(f).find()) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static Row byThread(String name, String thread) {
    return new Row(name, Pattern.compile(thread), null);
  }

  private static Row byFrame(String name, String frame) {
    return new Row(name, null, Pattern.compile(frame));
  }

  private static final String JIT = "^C[12] CompilerThre";
  private static final String JVM_THREADS =
      "^(VM Thread|GC Thread|G1 |VM Periodic|Service Thread|Reference Handler|Finalizer"
          + "|Common-Cleaner|Signal Dispatcher|Monitor Deflation)";

  /** What the process was doing; the agents' work first, the function's main thread last. */
  static final List<Row> ACTIVITIES =
      List.of(
          byThread("JIT compiler (C1)", JIT),
          byThread("JVM threads (VM thread, GC, service)", JVM_THREADS),
          byFrame("agent: preparing Byte Buddy advice", "bytebuddy\\.asm\\.Advice\\.to$"),
          byFrame(
              "agent: weaving classes (transformers)",
              "ClassFileTransformer\\.transform$|TransformerManager\\.transform$"),
          byFrame("agent: JVM retransforming loaded classes", "retransformClasses0$"),
          byFrame(
              "linking lambdas, string concatenation, method handles",
              "MethodHandleNatives\\.linkCallSite"),
          byFrame("generating JDK proxies", "^java\\.lang\\.reflect\\.Proxy\\."),
          byThread("Warden: engine build (policy, rules)", "^warden-engine-init"),
          byThread("Warden: class preloading", "^warden-preload"),
          byThread("Warden: Lambda extension registration", "^warden-extension"),
          byThread("Warden: other threads", "^warden-"),
          byFrame("agent: rest of premain", "loadClassAndStartAgent$|loadClassAndCallPremain$"),
          byThread("runtime client and function (main thread)", "^main$"),
          byFrame("other", ""));

  /** The kind of JVM work, over all threads. */
  static final List<Row> JVM_WORK =
      List.of(
          byThread("JIT compiler (C1)", JIT),
          byThread("JVM threads (VM thread, GC, service)", JVM_THREADS),
          byFrame(
              "class files parsed and defined",
              "ClassFileParser|KlassFactory|jvm_define_class|JVM_DefineClass|JVM_LookupDefineClass"),
          byFrame("bytecode verification", "Verifier::|ClassVerifier"),
          byFrame("class linking", "link_class_impl"),
          byFrame("reading jars", "^java\\.util\\.(zip|jar)\\.|URLClassPath|Inflater"),
          byFrame("Java code (interpreted or compiled) and the rest", ""));

  private final Map<String, Map<String, Long>> activities = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> jvmWork = new LinkedHashMap<>();
  private final Map<String, Integer> launches = new LinkedHashMap<>();
  private final double intervalMillis;

  ProfileBreakdown(double intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** Adds one launch of {@code configuration}: its samples up to {@code firstResponse}. */
  void addLaunch(String configuration, Path jfr, Instant firstResponse) throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
      if (event.getEventType().getName().equals("jdk.ExecutionSample")
          && !event.getStartTime().isAfter(firstResponse)) {
        samples.add(sampleOf(event));
      }
    }
    if (samples.isEmpty()) {
      throw new BenchFailure(jfr + " holds no CPU sample before the first response");
    }
    addLaunch(configuration, samples);
  }

  void addLaunch(String configuration, List<Sample> samples) {
    launches.merge(configuration, 1, Integer::sum);
    Map<String, Long> byActivity =
        activities.computeIfAbsent(configuration, c -> new LinkedHashMap<>());
    Map<String, Long> byWork = jvmWork.computeIfAbsent(configuration, c -> new LinkedHashMap<>());
    for (Sample sample : samples) {
      byActivity.merge(rowOf(ACTIVITIES, sample), 1L, Long::sum);
      byWork.merge(rowOf(JVM_WORK, sample), 1L, Long::sum);
    }
  }

  static String rowOf(List<Row> rows, Sample sample) {
    for (Row row : rows) {
      if (row.matches(sample)) {
        return row.name();
      }
    }
    throw new IllegalStateException("no row for " + sample);
  }

  /**
   * Milliseconds of CPU per launch that {@code configuration} spent in the activity {@code row}.
   */
  double millisPerLaunch(String configuration, String row) {
    return millisPerLaunch(activities, configuration, row);
  }

  private double millisPerLaunch(
      Map<String, Map<String, Long>> counts, String configuration, String row) {
    return counts.getOrDefault(configuration, Map.of()).getOrDefault(row, 0L)
        * intervalMillis
        / launches.getOrDefault(configuration, 1);
  }

  /** Both tables, in Markdown: a row per activity (or kind of work), a column per configuration. */
  String markdown(List<String> configurations, Map<String, String> labels) {
    return table("Where the CPU went", ACTIVITIES, activities, configurations, labels)
        + "\n"
        + table("The kind of JVM work", JVM_WORK, jvmWork, configurations, labels);
  }

  private String table(
      String title,
      List<Row> rows,
      Map<String, Map<String, Long>> counts,
      List<String> configurations,
      Map<String, String> labels) {
    StringBuilder out = new StringBuilder("| ").append(title).append(", ms of CPU per launch |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String configuration : configurations) {
      out.append(' ').append(labels.getOrDefault(configuration, configuration)).append(" |");
      rule.append("---:|");
    }
    out.append('\n').append(rule).append('\n');
    double[] totals = new double[configurations.size()];
    for (Row row : rows) {
      out.append("| ").append(row.name()).append(" |");
      for (int i = 0; i < configurations.size(); i++) {
        double millis = millisPerLaunch(counts, configurations.get(i), row.name());
        totals[i] += millis;
        out.append(' ').append(format(millis)).append(" |");
      }
      out.append('\n');
    }
    out.append("| **total** |");
    for (double total : totals) {
      out.append(" **").append(format(total)).append("** |");
    }
    return out.append('\n').toString();
  }

  private static String format(double millis) {
    return String.format(Locale.ROOT, "%.0f", millis);
  }

  private static Sample sampleOf(RecordedEvent event) {
    RecordedThread thread = event.getThread("sampledThread");
    String name =
        thread == null
            ? "?"
            : thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
    List<RecordedFrame> frames = event.getStackTrace().getFrames();
    List<String> outermostFirst = new ArrayList<>(frames.size());
    for (int i = frames.size() - 1; i >= 0; i--) {
      RecordedFrame frame = frames.get(i);
      String type =
          frame.getMethod().getType() == null ? "" : frame.getMethod().getType().getName();
      outermostFirst.add(
          type == null || type.isEmpty()
              ? frame.getMethod().getName()
              : type + "." + frame.getMethod().getName());
    }
    return new Sample(name == null ? "?" : name, outermostFirst);
  }
}
