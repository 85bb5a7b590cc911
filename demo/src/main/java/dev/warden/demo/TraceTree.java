package dev.warden.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws an invocation as a tracing backend shows it: the invocation span and its alert spans. */
final class TraceTree {
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String GREEN = "\u001b[32m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";
  private static final boolean COLOUR =
      System.console() != null && System.getenv("NO_COLOR") == null;

  private TraceTree() {}

  static void print(PrintStream out, FunctionRuns.Outcome outcome) {
    SampleFunction function = outcome.function();
    out.println();
    out.println(
        paint(BOLD, "━━ " + function.name())
            + "  "
            + function.handler()
            + paint(DIM, "  (" + (function.benign() ? "benign" : "vulnerable") + ")"));
    out.println("   " + function.story());
    Mode previous = null;
    for (InvocationRecord record : outcome.invocations()) {
      if (record.mode() != previous && record.mode() == Mode.ENFORCE) {
        out.println(
            paint(
                    DIM,
                    outcome.agentWrotePolicy()
                        ? "   learned policy → WARDEN_POLICY: "
                        : "   learn mode wrote no policy (nothing learned); enforcing the empty one: ")
                + Demo.abbreviate(outcome.policy().replaceAll("\\s+", " "), 150));
      }
      previous = record.mode();
      print(out, record);
    }
  }

  private static void print(PrintStream out, InvocationRecord record) {
    String result =
        record.result().succeeded()
            ? "response " + Demo.abbreviate(record.result().response(), 60)
            : "error "
                + Demo.abbreviate(
                    record.result().errorType() + ": " + record.result().errorMessage(), 90);
    out.printf(
        Locale.ROOT,
        "   %s %-7s %-6s %s%n",
        record.asExpected() ? paint(GREEN, "✓") : paint(RED, "✗"),
        record.mode().wardenMode(),
        record.event(),
        paint(DIM, result));
    Span invocation =
        record.spans().stream()
            .filter(s -> !s.isAlert() && s.attribute("faas.invocation_id") != null)
            .findFirst()
            .orElse(null);
    if (invocation == null) {
      out.println("     (no invocation span exported; alerts from WARDEN_ALERT_LOG)");
      List<Map<String, Object>> alerts = record.alerts();
      for (int i = 0; i < alerts.size(); i++) {
        Map<String, Object> a = alerts.get(i);
        line(
            out,
            i == alerts.size() - 1,
            Demo.text(a, "warden.rule"),
            Demo.text(a, "warden.severity"),
            Demo.text(a, "warden.action"),
            Demo.text(a, "warden.target"),
            Demo.text(a, "warden.source"));
      }
      return;
    }
    out.printf(
        Locale.ROOT,
        "     %s %s  %s%n",
        paint(BOLD, invocation.name()),
        paint(DIM, "trace " + invocation.traceId().substring(0, 8) + "…"),
        paint(
            DIM,
            String.format(
                Locale.ROOT,
                "%.1f ms  faas.trigger=%s  faas.coldstart=%s",
                (invocation.endNanos() - invocation.startNanos()) / 1e6,
                invocation.attribute("faas.trigger"),
                invocation.attribute("faas.coldstart"))));
    List<Span> alerts =
        record.spans().stream()
            .filter(s -> s.isAlert() && invocation.spanId().equals(s.parentSpanId()))
            .toList();
    for (int i = 0; i < alerts.size(); i++) {
      Span a = alerts.get(i);
      line(
          out,
          i == alerts.size() - 1,
          a.attribute("warden.rule"),
          a.attribute("warden.severity"),
          a.attribute("warden.action"),
          a.attribute("warden.target"),
          a.attribute("warden.source"));
    }
  }

  private static void line(
      PrintStream out,
      boolean last,
      String rule,
      String severity,
      String action,
      String target,
      String source) {
    String colour = "critical".equals(severity) ? RED : "high".equals(severity) ? YELLOW : "";
    out.printf(
        Locale.ROOT,
        "     %s warden %-27s %s %s %s%s%n",
        last ? "└─" : "├─",
        rule,
        paint(colour, String.format(Locale.ROOT, "%-8s", severity)),
        paint(
            "blocked".equals(action) ? RED + BOLD : "", String.format(Locale.ROOT, "%-7s", action)),
        Demo.abbreviate(target == null ? "" : target, 70),
        source == null || source.isEmpty() ? "" : paint(DIM, "  ← event " + source));
  }

  static String paint(String colour, String text) {
    return COLOUR && !colour.isEmpty() ? colour + text + RESET : text;
  }
}
