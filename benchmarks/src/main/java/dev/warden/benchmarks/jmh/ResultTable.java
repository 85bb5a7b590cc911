package dev.warden.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side table: one row per operation, its score in each configuration with JMH's error
 * (the half-width of the 99.9% confidence interval), Warden's added cost and the target.
 * The error of a difference is taken as the root of the sum of the squared errors, which treats the
 * two runs as independent: they are separate forks.
 */
final class ResultTable {
  /** One intercepted operation and its target (NaN when the issue sets none). */
  record Operation(String method, String label, double targetNanos) {}

  /** JMH's score, its error and unit, and allocation per operation (NaN without -prof gc). */
  record Measurement(double score, double error, String unit, double bytesPerOp) {}

  record Row(Operation operation, Map<Configuration, Measurement> byConfiguration) {}

  private static final List<Configuration> WARDEN =
      List.of(Configuration.MONITOR, Configuration.ENFORCE);

  private ResultTable() {}

  static List<String> render(List<Row> rows) {
    boolean allocation = rows.stream().anyMatch(ResultTable::hasAllocation);
    List<String> header =
        new ArrayList<>(
            List.of(
                "operation",
                "no agent",
                "Warden monitor",
                "Warden enforce",
                "+ns monitor",
                "+ns enforce",
                "target",
                "met?"));
    if (allocation) {
      header.add("B/op none/monitor/enforce");
    }
    List<List<String>> cells = new ArrayList<>();
    for (Row row : rows) {
      cells.add(cells(row, allocation));
    }
    return aligned(header, cells);
  }

  private static List<String> cells(Row row, boolean allocation) {
    Measurement none = row.byConfiguration.get(Configuration.NONE);
    String unit = none == null ? "ns/op" : none.unit();
    List<String> cells = new ArrayList<>();
    cells.add(row.operation.label() + " (" + unit + ")");
    for (Configuration configuration : Configuration.values()) {
      Measurement m = row.byConfiguration.get(configuration);
      cells.add(m == null ? "—" : number(m.score()) + " ± " + number(m.error()));
    }
    for (Configuration configuration : WARDEN) {
      Measurement m = row.byConfiguration.get(configuration);
      if (none == null || m == null) {
        cells.add("—");
        continue;
      }
      String suffix = unit.startsWith("ns") ? "" : " " + unit.replace("/op", "");
      cells.add(signed(added(none, m)) + " ± " + number(addedError(none, m)) + suffix);
    }
    double target = row.operation.targetNanos();
    cells.add(Double.isNaN(target) ? "—" : "+" + number(target) + " ns");
    cells.add(verdict(row, none, target));
    if (allocation) {
      List<String> bytes = new ArrayList<>();
      for (Configuration configuration : Configuration.values()) {
        Measurement m = row.byConfiguration.get(configuration);
        bytes.add(m == null || Double.isNaN(m.bytesPerOp()) ? "?" : number(m.bytesPerOp()));
      }
      cells.add(String.join(" / ", bytes));
    }
    return cells;
  }

  /**
   * "yes" when both Warden configurations stay under the target even at the top of the error bar,
   * "NO" when either exceeds it even at the bottom, otherwise the noise decides nothing.
   */
  private static String verdict(Row row, Measurement none, double targetNanos) {
    if (Double.isNaN(targetNanos)) {
      return "—";
    }
    if (none == null) {
      return "?";
    }
    double toNanos = none.unit().startsWith("us") ? 1_000 : none.unit().startsWith("ms") ? 1e6 : 1;
    boolean allUnder = true;
    boolean anyOver = false;
    boolean errorKnown = true;
    for (Configuration configuration : WARDEN) {
      Measurement m = row.byConfiguration.get(configuration);
      if (m == null) {
        return "?";
      }
      double error = addedError(none, m);
      errorKnown &= !Double.isNaN(error);
      double margin = Double.isNaN(error) ? 0 : error;
      anyOver |= (added(none, m) - margin) * toNanos > targetNanos;
      allUnder &= (added(none, m) + margin) * toNanos <= targetNanos;
    }
    String verdict = anyOver ? "NO" : allUnder ? "yes" : "within noise";
    // JMH gives no error for fewer than three iterations: the verdict then rests on the scores.
    return errorKnown ? verdict : verdict + " (no error bar)";
  }

  static double added(Measurement none, Measurement warden) {
    return warden.score() - none.score();
  }

  static double addedError(Measurement none, Measurement warden) {
    return Math.sqrt(none.error() * none.error() + warden.error() * warden.error());
  }

  private static boolean hasAllocation(Row row) {
    return row.byConfiguration.values().stream().anyMatch(m -> !Double.isNaN(m.bytesPerOp()));
  }

  private static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "?";
    }
    double magnitude = Math.abs(value);
    String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, value);
  }

  private static String signed(double value) {
    return (value >= 0 ? "+" : "") + number(value);
  }

  /** A Markdown table, padded so that it also reads as a table in a terminal. */
  private static List<String> aligned(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(line(header, widths));
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    lines.add(line(rule, widths));
    for (List<String> row : rows) {
      lines.add(line(row, widths));
    }
    return lines;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    return line.toString();
  }
}
