package dev.warden.benchmarks.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.benchmarks.jmh.ResultTable.Measurement;
import dev.warden.benchmarks.jmh.ResultTable.Operation;
import dev.warden.benchmarks.jmh.ResultTable.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static final Operation OPEN = new Operation("open", "open", 300);

  private static Row row(Operation operation, double none, double monitor, double enforce) {
    return new Row(
        operation,
        Map.of(
            Configuration.NONE, new Measurement(none, 10, "ns/op", Double.NaN),
            Configuration.MONITOR, new Measurement(monitor, 10, "ns/op", Double.NaN),
            Configuration.ENFORCE, new Measurement(enforce, 10, "ns/op", Double.NaN)));
  }

  @Test
  void showsScoresDifferencesAndTarget() {
    List<String> lines = ResultTable.render(List.of(row(OPEN, 1000, 1100, 1150)));

    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("| operation"));
    String row = lines.get(2);
    assertTrue(row.contains("1,000 ± 10.0"), row);
    assertTrue(row.contains("+100 ± 14.1"), row);
    assertTrue(row.contains("+150 ± 14.1"), row);
    assertTrue(row.contains("+300 ns"), row);
    assertTrue(row.contains("| yes"), row);
  }

  @Test
  void missesTheTargetOnlyBeyondTheErrorBar() {
    assertTrue(
        ResultTable.render(List.of(row(OPEN, 1000, 1100, 1290))).get(2).contains("within noise"));
    assertTrue(ResultTable.render(List.of(row(OPEN, 1000, 1100, 1500))).get(2).contains("| NO"));
  }

  @Test
  void microsecondRowsAreComparedInNanoseconds() {
    Operation connect = new Operation("connect", "connect", 1000);
    Row microseconds =
        new Row(
            connect,
            Map.of(
                Configuration.NONE, new Measurement(20, 0.1, "us/op", Double.NaN),
                Configuration.MONITOR, new Measurement(22, 0.1, "us/op", Double.NaN),
                Configuration.ENFORCE, new Measurement(20.5, 0.1, "us/op", Double.NaN)));

    String line = ResultTable.render(List.of(microseconds)).get(2);

    assertTrue(line.contains("+2.00 ± 0.14 us"), line);
    assertTrue(line.contains("| NO"), line);
  }

  @Test
  void allocationColumnAppearsWithTheGcProfiler() {
    Row allocating =
        new Row(
            OPEN,
            Map.of(
                Configuration.NONE, new Measurement(1, 0, "ns/op", 96),
                Configuration.MONITOR, new Measurement(1, 0, "ns/op", 96),
                Configuration.ENFORCE, new Measurement(1, 0, "ns/op", 200)));

    List<String> lines = ResultTable.render(List.of(allocating));

    assertTrue(lines.get(0).contains("B/op"), lines.get(0));
    assertTrue(lines.get(2).contains("96.0 / 96.0 / 200"), lines.get(2));
  }
}
