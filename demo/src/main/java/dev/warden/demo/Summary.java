package dev.warden.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The closing table: function, event, mode, alerts, blocked, expected. */
final class Summary {
  private Summary() {}

  /** Prints the table and what was unexpected; true when everything was as expected. */
  static boolean print(PrintStream out, List<FunctionRuns.Outcome> outcomes) {
    out.println();
    String format = "%-14s %-7s %-8s %6s %8s  %-8s  %s%n";
    out.printf(
        Locale.ROOT, format, "function", "event", "mode", "alerts", "blocked", "expected", "rules");
    out.println("─".repeat(110));
    int total = 0;
    int expected = 0;
    StringBuilder problems = new StringBuilder();
    for (FunctionRuns.Outcome outcome : outcomes) {
      for (InvocationRecord r : outcome.invocations()) {
        total++;
        boolean ok = r.asExpected();
        if (ok) {
          expected++;
        } else {
          problems.append(
              String.format(
                  Locale.ROOT,
                  "  %s %s %s: %s%n",
                  r.function().name(),
                  r.event(),
                  r.mode().wardenMode(),
                  String.join("; ", r.problems())));
        }
        out.printf(
            Locale.ROOT,
            format,
            r.function().name(),
            r.event(),
            r.mode().wardenMode(),
            r.alerts().size(),
            r.blockedCount(),
            ok
                ? TraceTree.paint("\u001b[32m", "✓") + "       "
                : TraceTree.paint("\u001b[31m", "✗") + "       ",
            Demo.abbreviate(String.join(" ", r.rules()), 60));
      }
    }
    out.println("─".repeat(110));
    out.printf(Locale.ROOT, "%d of %d invocations as expected.%n", expected, total);
    if (problems.length() > 0) {
      out.print("Not as expected:\n" + problems);
    }
    return expected == total;
  }
}
