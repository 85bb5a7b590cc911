package dev.warden.benchmarks.coldstart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bench's results as a markdown report (printed and written) and a per-launch CSV. */
final class Report {
  private final List<String> header = new ArrayList<>();
  private final List<Jdk> jdks;
  private final List<Configuration> configurations;
  private final List<LaunchResult> results;
  // JDK label -> Warden mode or floor -> "[warden] info start-up ..." / "[floor-agent] premain ..."

  private final Map<String, Map<Configuration, String>> timelines;
  private final List<String> notes;

  Report(
      List<String> header,
      List<Jdk> jdks,
      List<Configuration> configurations,
      List<LaunchResult> results,
      Map<String, Map<Configuration, String>> timelines,
      List<String> notes) {
    this.header.addAll(header);
    this.jdks = jdks;
    this.configurations = configurations;
    this.results = results;
    this.timelines = timelines;
    this.notes = notes;
  }

  /** The figures of one configuration on one JDK. */
  record Summary(
      Configuration configuration,
      int launches,
      long coldMedianNanos,
      long coldMinNanos,
      long coldMaxNanos,
      long cpuMedianMillis,
      long rssMedianKib,
      LaunchResult.Warm earlyWarm,
      LaunchResult.Warm steadyWarm,
      long wardenExportsMedian,
      long otelExportsMedian,
      int alerts) {

    static Summary of(Configuration configuration, List<LaunchResult> launches) {
      long[] cold = launches.stream().mapToLong(LaunchResult::coldStartNanos).toArray();
      long[] rss = launches.stream().mapToLong(LaunchResult::peakRssKib).toArray();
      return new Summary(
          configuration,
          launches.size(),
          Stats.median(cold),
          Stats.min(cold),
          Stats.max(cold),
          Stats.median(
              launches.stream().mapToLong(LaunchResult::cpuToFirstResponseMillis).toArray()),
          Stats.median(rss),
          warm(launches.stream().map(LaunchResult::earlyWarm).toList()),
          warm(launches.stream().map(LaunchResult::steadyWarm).toList()),
          Stats.median(launches.stream().mapToLong(LaunchResult::wardenExports).toArray()),
          Stats.median(launches.stream().mapToLong(LaunchResult::otelLambdaExports).toArray()),
          launches.stream().mapToInt(LaunchResult::alerts).sum());
    }
  }

  private static LaunchResult.Warm warm(List<LaunchResult.Warm> launches) {
    return new LaunchResult.Warm(
        Stats.median(launches.stream().mapToLong(LaunchResult.Warm::responseNanos).toArray()),
        Stats.median(
            launches.stream().mapToLong(LaunchResult.Warm::untilNextRequestNanos).toArray()),
        Stats.median(
            launches.stream().mapToLong(LaunchResult.Warm::untilNextRequestMeanNanos).toArray()),
        Stats.median(
            launches.stream().mapToLong(LaunchResult.Warm::cpuNanosPerInvocation).toArray()),
        Stats.median(launches.stream().mapToLong(LaunchResult.Warm::peakRssGrowthKib).toArray()));
  }

  Map<Configuration, Summary> summaries(Jdk jdk) {
    Map<Configuration, Summary> summaries = new LinkedHashMap<>();
    for (Configuration configuration : configurations) {
      List<LaunchResult> launches =
          results.stream()
              .filter(r -> r.jdk().equals(jdk.label()) && r.configuration() == configuration)
              .toList();
      if (!launches.isEmpty()) {
        summaries.put(configuration, Summary.of(configuration, launches));
      }
    }
    return summaries;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Warden cold-start bench\n\n");
    for (String line : header) {
      out.append("- ").append(line).append('\n');
    }
    for (Jdk jdk : jdks) {
      out.append('\n').append(table(jdk));
    }
    if (!notes.isEmpty()) {
      out.append("\nNotes:\n");
      notes.forEach(note -> out.append("- ").append(note).append('\n'));
    }
    return out.toString();
  }

  String table(Jdk jdk) {
    Map<Configuration, Summary> summaries = summaries(jdk);
    Summary baseline = summaries.get(Configuration.NO_AGENT);
    StringBuilder out = new StringBuilder();
    out.append("## ")
        .append(jdk.label())
        .append(" (")
        .append(jdk.version())
        .append(' ')
        .append(jdk.vendor())
        .append(")\n\n");
    out.append(
        "| configuration | cold start median | min–max | × no agent | +ms | CPU to 1st response"
            + " | +ms | peak RSS median | +MiB |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Summary s : summaries.values()) {
      boolean isBaseline = s.configuration() == Configuration.NO_AGENT;
      out.append("| ")
          .append(s.configuration().label)
          .append(" | ")
          .append(millis(s.coldMedianNanos()))
          .append(" ms | ")
          .append(millis(s.coldMinNanos()))
          .append('–')
          .append(millis(s.coldMaxNanos()))
          .append(" ms | ")
          .append(ratio(s.coldMedianNanos(), baseline.coldMedianNanos()))
          .append(" | ")
          .append(isBaseline ? "—" : signedMillis(s.coldMedianNanos() - baseline.coldMedianNanos()))
          .append(" | ")
          .append(s.cpuMedianMillis())
          .append(" ms | ")
          .append(
              isBaseline
                  ? "—"
                  : signedMillis((s.cpuMedianMillis() - baseline.cpuMedianMillis()) * 1_000_000))
          .append(" | ")
          .append(mib(s.rssMedianKib()))
          .append(" MiB | ")
          .append(isBaseline ? "—" : signedMib(s.rssMedianKib() - baseline.rssMedianKib()))
          .append(" |\n");
    }
    out.append(
        "\nWarm invocations (response: event delivered → response; until next request: sent →"
            + " the function asks for its next event, what Lambda bills):\n\n");
    out.append(
        "| configuration | first "
            + Launcher.EARLY_WARM
            + ": response | × no agent | until next request | × no agent"
            + " | second half: response | × no agent | until next request | × no agent"
            + " | until next request, mean | × no agent | CPU per invocation | × no agent"
            + " | peak RSS growth | +MiB |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Summary s : summaries.values()) {
      out.append("| ")
          .append(s.configuration().label)
          .append(warmCells(s.earlyWarm(), baseline.earlyWarm()))
          .append(warmCells(s.steadyWarm(), baseline.steadyWarm()))
          .append(
              cells(
                  s.steadyWarm().untilNextRequestMeanNanos(),
                  baseline.steadyWarm().untilNextRequestMeanNanos()))
          .append(
              cells(
                  s.steadyWarm().cpuNanosPerInvocation(),
                  baseline.steadyWarm().cpuNanosPerInvocation()))
          .append(" | ")
          .append(mib(s.steadyWarm().peakRssGrowthKib()))
          .append(" MiB | ")
          .append(
              s.configuration() == Configuration.NO_AGENT
                  ? "—"
                  : signedMib(
                      s.steadyWarm().peakRssGrowthKib() - baseline.steadyWarm().peakRssGrowthKib()))
          .append(" |\n");
    }
    out.append(paired(jdk));
    out.append('\n').append(checks(summaries.values()));
    Map<Configuration, String> lines = timelines.getOrDefault(jdk.label(), Map.of());
    if (!lines.isEmpty()) {
      out.append(
          "\nPremain (one uncounted launch each; WARDEN_DEBUG=true for Warden's modes,"
              + " FLOOR_AGENT_DEBUG=true and BUILDER_AGENT_DEBUG=true for the Byte Buddy"
              + " agents):\n\n");
      lines.forEach(
          (mode, line) ->
              out.append("    ").append(mode.id).append(": ").append(line).append('\n'));
    }
    return out.toString();
  }

  /**
   * Each configuration's launch against no agent's launch of the same run, then the median over
   * runs: the launches of one run follow each other within a minute, so the machine's drift between
   * runs, which the ratio of two medians keeps, cancels here.
   */
  String paired(Jdk jdk) {
    Map<Integer, LaunchResult> baselineByRun = new LinkedHashMap<>();
    for (LaunchResult r : results) {
      if (r.jdk().equals(jdk.label()) && r.configuration() == Configuration.NO_AGENT) {
        baselineByRun.put(r.run(), r);
      }
    }
    StringBuilder out = new StringBuilder();
    for (Configuration configuration : configurations) {
      if (configuration == Configuration.NO_AGENT) {
        continue;
      }
      List<long[]> pairs = new ArrayList<>(); // cold difference, then ratios in thousandths
      for (LaunchResult r : results) {
        LaunchResult base = baselineByRun.get(r.run());
        if (base == null || !r.jdk().equals(jdk.label()) || r.configuration() != configuration) {
          continue;
        }
        pairs.add(
            new long[] {
              r.coldStartNanos() - base.coldStartNanos(),
              thousandths(r.coldStartNanos(), base.coldStartNanos()),
              thousandths(r.steadyWarm().responseNanos(), base.steadyWarm().responseNanos()),
              thousandths(
                  r.steadyWarm().untilNextRequestNanos(),
                  base.steadyWarm().untilNextRequestNanos()),
              thousandths(
                  r.steadyWarm().untilNextRequestMeanNanos(),
                  base.steadyWarm().untilNextRequestMeanNanos()),
              thousandths(
                  r.steadyWarm().cpuNanosPerInvocation(),
                  base.steadyWarm().cpuNanosPerInvocation()),
              r.steadyWarm().peakRssGrowthKib() - base.steadyWarm().peakRssGrowthKib()
            });
      }
      if (pairs.isEmpty()) {
        continue;
      }
      out.append("| ")
          .append(configuration.label)
          .append(" | ")
          .append(pairs.size())
          .append(" | ")
          .append(signedMillis(medianOf(pairs, 0)))
          .append(" | ");
      for (int column = 1; column < 6; column++) {
        int c = column;
        boolean measured = pairs.stream().noneMatch(pair -> pair[c] == NOT_MEASURED);
        out.append(measured ? format("%.2f", medianOf(pairs, column) / 1000.0) : "—").append(" | ");
      }
      out.append(signedMib(medianOf(pairs, 6))).append(" | ");
      out.setLength(out.length() - 1);
      out.append('\n');
    }
    if (out.length() == 0) {
      return "";
    }
    return "\nPaired by run (each launch against no agent's launch of the same run, then the median"
        + " over runs; the machine's drift between runs cancels):\n\n"
        + "| configuration | runs | cold start +ms | × no agent | second half: response ×"
        + " | until next request × | until next request, mean × | CPU per invocation ×"
        + " | peak RSS growth, +MiB |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        + out
        + overTheFloor(jdk)
        + againstTheIssuesReferences(jdk);
  }

  /** One of issue 5's references for the cold start, and the share of its cost the issue allows. */
  private record Reference(Configuration configuration, String name, long targetThousandths) {}

  private static final List<Reference> ISSUE_REFERENCES =
      List.of(
          new Reference(Configuration.OTEL_AGENT, "the OpenTelemetry agent's", 67),
          new Reference(Configuration.BYTE_BUDDY_BUILDER, "the AgentBuilder agent's", 333));

  /**
   * Warden monitor's cold-start cost, and the bare Byte Buddy agent's, as a share of each of issue
   * 5's two references, per run (each cost over no agent's launch of the same run), then the median
   * over runs: the issue states its +250 ms as about a fifteenth of the OpenTelemetry agent's cost
   * and a third of an AgentBuilder agent's, and shares taken within a run hold whatever the
   * machine's speed that hour. The bare Byte Buddy agent's line shows whether weaving the same
   * hooks with Byte Buddy and nothing else would meet them. Empty unless no agent and at least one
   * reference were launched.
   */
  String againstTheIssuesReferences(Jdk jdk) {
    StringBuilder out = new StringBuilder();
    for (Configuration subject :
        List.of(Configuration.WARDEN_MONITOR, Configuration.BYTE_BUDDY_FLOOR)) {
      StringBuilder line = new StringBuilder();
      for (Reference reference : ISSUE_REFERENCES) {
        long[] shares = sharesByRun(jdk, subject, reference.configuration());
        if (shares.length == 0) {
          continue;
        }
        long share = Stats.median(shares);
        line.append(line.length() == 0 ? "" : ", ")
            .append(format("%.3f", share / 1000.0))
            .append(" of ")
            .append(reference.name())
            .append(share <= reference.targetThousandths() ? " (met, " : " (not met, ")
            .append(shares.length)
            .append(" runs)");
      }
      if (line.length() > 0) {
        out.append("- ").append(subject.label).append(": ").append(line).append('\n');
      }
    }
    if (out.length() == 0) {
      return "";
    }
    return "\nCold-start cost as a share of issue 5's references, paired by run (the issue's target:"
        + " at most a fifteenth of the OpenTelemetry agent's, 0.067, and a third of the"
        + " AgentBuilder agent's, 0.333):\n\n"
        + out;
  }

  /** {@code subject}'s cold-start cost over no agent per run, in thousandths of the reference's. */
  private long[] sharesByRun(Jdk jdk, Configuration subject, Configuration reference) {
    return coldStartsByRun(jdk, Configuration.NO_AGENT, subject, reference).stream()
        .filter(run -> run[0] > 0 && run[1] > 0 && run[2] > run[0])
        .mapToLong(run -> thousandths(run[1] - run[0], run[2] - run[0]))
        .toArray();
  }

  /**
   * Warden monitor's cold start over the bare Byte Buddy agent's, per run, in milliseconds and as a
   * share of no agent's cold start in the same run: what Warden adds of its own, in a form that
   * does not grow with how fast the machine is that hour. Empty unless all three were launched.
   */
  String overTheFloor(Jdk jdk) {
    List<long[]> pairs = new ArrayList<>(); // over the floor in nanos, then in thousandths of none
    for (long[] run :
        coldStartsByRun(
            jdk,
            Configuration.NO_AGENT,
            Configuration.BYTE_BUDDY_FLOOR,
            Configuration.WARDEN_MONITOR)) {
      if (run[0] > 0 && run[1] >= 0 && run[2] >= 0) {
        pairs.add(new long[] {run[2] - run[1], thousandths(run[2] - run[1], run[0])});
      }
    }
    if (pairs.isEmpty()) {
      return "";
    }
    return "\nWarden monitor over the bare Byte Buddy agent, paired by run: "
        + signedMillis(medianOf(pairs, 0))
        + " ms, "
        + format("%.1f", medianOf(pairs, 1) / 10.0)
        + "% of no agent's cold start ("
        + pairs.size()
        + " runs).\n";
  }

  /**
   * The cold starts on {@code jdk} of the given configurations, one array per run, in their order;
   * -1 where a configuration was not launched in that run.
   */
  private List<long[]> coldStartsByRun(Jdk jdk, Configuration... configurations) {
    List<Configuration> slots = List.of(configurations);
    Map<Integer, long[]> byRun = new LinkedHashMap<>();
    for (LaunchResult r : results) {
      int slot = slots.indexOf(r.configuration());
      if (slot >= 0 && r.jdk().equals(jdk.label())) {
        byRun.computeIfAbsent(r.run(), run -> filledWith(-1, slots.size()))[slot] =
            r.coldStartNanos();
      }
    }
    return new ArrayList<>(byRun.values());
  }

  private static long[] filledWith(long value, int length) {
    long[] values = new long[length];
    Arrays.fill(values, value);
    return values;
  }

  /**
   * A ratio with a baseline of zero: no agent's CPU time over a window too short for the clock's 10
   * ms ticks (a smoke run with a few warm invocations).
   */
  private static final long NOT_MEASURED = Long.MIN_VALUE;

  private static long thousandths(long value, long baseline) {
    return baseline == 0 ? NOT_MEASURED : Math.round(1000.0 * value / baseline);
  }

  private static long medianOf(List<long[]> pairs, int column) {
    return Stats.median(pairs.stream().mapToLong(pair -> pair[column]).toArray());
  }

  private static String warmCells(LaunchResult.Warm warm, LaunchResult.Warm baseline) {
    return cells(warm.responseNanos(), baseline.responseNanos())
        + cells(warm.untilNextRequestNanos(), baseline.untilNextRequestNanos());
  }

  /** A time in milliseconds and its ratio to no agent's, as two cells. */
  private static String cells(long nanos, long baselineNanos) {
    return " | " + warmMillis(nanos) + " ms | " + ratio(nanos, baselineNanos);
  }

  private static String checks(Iterable<Summary> summaries) {
    StringBuilder out = new StringBuilder("Checked in every launch: all invocations succeeded");
    for (Summary s : summaries) {
      if (s.configuration().isWarden()) {
        out.append("; ")
            .append(s.configuration().id)
            .append(": ")
            .append(s.wardenExportsMedian())
            .append(" exports of Warden's spans per launch (median), ")
            .append(s.alerts())
            .append(" alerts in all");
      } else if (s.configuration().isReference()) {
        out.append("; ").append(s.configuration().id).append(": no exports");
      } else if (s.configuration() == Configuration.OTEL_AGENT) {
        out.append("; otel: ")
            .append(s.otelExportsMedian())
            .append(" exports of its Lambda spans per launch (median)");
      }
    }
    return out.append(".\n").toString();
  }

  String csv() {
    StringBuilder out =
        new StringBuilder(
            "jdk,configuration,run,cold_start_ms,init_ms,cpu_to_first_response_ms,peak_rss_mib,"
                + "first_warm_response_ms,first_warm_until_next_request_ms,"
                + "second_half_warm_response_ms,second_half_warm_until_next_request_ms,"
                + "second_half_warm_until_next_request_mean_ms,second_half_warm_cpu_per_invocation_ms,"
                + "second_half_peak_rss_growth_mib,"
                + "warden_exports,otel_lambda_exports,alerts\n");
    for (LaunchResult r : results) {
      out.append(r.jdk())
          .append(',')
          .append(r.configuration().id)
          .append(',')
          .append(r.run())
          .append(',')
          .append(format("%.1f", r.coldStartNanos() / 1e6))
          .append(',')
          .append(format("%.1f", r.initNanos() / 1e6))
          .append(',')
          .append(r.cpuToFirstResponseMillis())
          .append(',')
          .append(mib(r.peakRssKib()))
          .append(',')
          .append(warmMillis(r.earlyWarm().responseNanos()))
          .append(',')
          .append(warmMillis(r.earlyWarm().untilNextRequestNanos()))
          .append(',')
          .append(warmMillis(r.steadyWarm().responseNanos()))
          .append(',')
          .append(warmMillis(r.steadyWarm().untilNextRequestNanos()))
          .append(',')
          .append(warmMillis(r.steadyWarm().untilNextRequestMeanNanos()))
          .append(',')
          .append(warmMillis(r.steadyWarm().cpuNanosPerInvocation()))
          .append(',')
          .append(mib(r.steadyWarm().peakRssGrowthKib()))
          .append(',')
          .append(r.wardenExports())
          .append(',')
          .append(r.otelLambdaExports())
          .append(',')
          .append(r.alerts())
          .append('\n');
    }
    return out.toString();
  }

  static String millis(long nanos) {
    return Long.toString(Math.round(nanos / 1e6));
  }

  static String signedMillis(long nanos) {
    long ms = Math.round(nanos / 1e6);
    return (ms >= 0 ? "+" : "") + ms;
  }

  static String warmMillis(long nanos) {
    return format("%.2f", nanos / 1e6);
  }

  static String mib(long kib) {
    return format("%.1f", kib / 1024.0);
  }

  static String signedMib(long kib) {
    return (kib >= 0 ? "+" : "") + mib(kib);
  }

  static String ratio(long value, long baseline) {
    return baseline == 0 ? "—" : format("%.2f", (double) value / baseline);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
