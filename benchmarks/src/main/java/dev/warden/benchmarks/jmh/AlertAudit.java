package dev.warden.benchmarks.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Warden configuration's alert log says after the run. Every fork writes one canary alert
 * (see {@link AgentCheck}); apart from those, an operation the configuration allows must raise no
 * alert. The one exception is by design: without a policy the built-in {@code process.exec} rule
 * reports every process start, so monitor mode's process benchmark raises it (once, then counts
 * repeats).
 */
final class AlertAudit {
  private static final Pattern RULE = stringField("warden.rule");
  private static final Pattern TARGET = stringField("warden.target");
  private static final Pattern REPEATS = Pattern.compile("\"warden\\.repeats\":(\\d+)");
  private static final Pattern SUPPRESSED = Pattern.compile("\"warden\\.suppressed\":(\\d+)");
  private static final Pattern CANARY_TARGET = Pattern.compile("/proc/\\d+/environ");

  final int canaries;

  /** Alerts by "rule target", occurrences counted (a repeats line counts its repeats). */
  final Map<String, Long> expectedByDesign;

  final Map<String, Long> unexpected;

  private AlertAudit(
      int canaries, Map<String, Long> expectedByDesign, Map<String, Long> unexpected) {
    this.canaries = canaries;
    this.expectedByDesign = expectedByDesign;
    this.unexpected = unexpected;
  }

  static AlertAudit of(Configuration configuration, List<String> lines) {
    int canaries = 0;
    Map<String, Long> expectedByDesign = new LinkedHashMap<>();
    Map<String, Long> unexpected = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String rule = find(RULE, line);
      String target = find(TARGET, line);
      String suppressed = find(SUPPRESSED, line);
      if (rule == null && suppressed != null) {
        unexpected.merge("rate-limited (rule not named)", Long.parseLong(suppressed), Long::sum);
        continue;
      }
      String repeats = find(REPEATS, line);
      long occurrences = repeats == null ? 1 : Long.parseLong(repeats);
      if (target != null && CANARY_TARGET.matcher(target).matches()) {
        // Enforce mode also reports the canary as outside the policy's file.read list.
        if (AgentCheck.CANARY_RULE.equals(rule) && repeats == null) {
          canaries++;
        }
        continue;
      }
      String key = rule + " " + target;
      if (isByDesign(configuration, rule, target)) {
        expectedByDesign.merge(key, occurrences, Long::sum);
      } else {
        unexpected.merge(key, occurrences, Long::sum);
      }
    }
    return new AlertAudit(canaries, expectedByDesign, unexpected);
  }

  private static boolean isByDesign(Configuration configuration, String rule, String target) {
    return configuration == Configuration.MONITOR
        && "process.exec".equals(rule)
        && target != null
        && target.startsWith(InterceptedOperations.PROCESS);
  }

  boolean clean() {
    return unexpected.isEmpty();
  }

  /** Lines for the report, each starting with a marker a reader can grep for. */
  List<String> describe(Configuration configuration, int forks) {
    List<String> lines = new ArrayList<>();
    String name = configuration.label;
    lines.add(
        (canaries == forks ? "ok" : "CHECK")
            + "    "
            + name
            + ": "
            + canaries
            + " canary alert(s) for "
            + forks
            + " fork(s)");
    expectedByDesign.forEach(
        (key, count) ->
            lines.add(
                "note  "
                    + name
                    + ": "
                    + key
                    + " x"
                    + count
                    + " (default rules, no policy: by design)"));
    unexpected.forEach(
        (key, count) ->
            lines.add("ALERT " + name + ": " + key + " x" + count + " on an allowed operation"));
    if (unexpected.isEmpty()) {
      lines.add("ok    " + name + ": no alert on any allowed operation");
    }
    return lines;
  }

  private static Pattern stringField(String key) {
    return Pattern.compile("\"" + Pattern.quote(key) + "\":\"((?:[^\"\\\\]|\\\\.)*)\"");
  }

  private static String find(Pattern pattern, String line) {
    Matcher matcher = pattern.matcher(line);
    return matcher.find() ? matcher.group(1) : null;
  }
}
