package dev.warden.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** What a forked JVM did: exit code, output, the workload's RESULT/PROBE lines and its alerts. */
public final class RunResult {
  public static final String BLOCKED_EXCEPTION = "java.lang.WardenBlockedException";

  private final Jdk jdk;
  private final List<String> command;
  private final Map<String, String> env;
  private final int exitCode;
  private final String stdout;
  private final String stderr;
  private final String alertLogText;
  private final List<AlertLine> alerts = new ArrayList<>();
  private final List<String> unparsable = new ArrayList<>();

  RunResult(
      Jdk jdk,
      List<String> command,
      Map<String, String> env,
      int exitCode,
      String stdout,
      String stderr,
      Path alertLog) {
    this.jdk = jdk;
    this.command = command;
    this.env = Map.copyOf(env);
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.alertLogText = AgentRun.read(alertLog);
    for (String line : alertLogText.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        alerts.add(AlertLine.parse(line));
      } catch (IllegalArgumentException e) {
        unparsable.add(e.getMessage());
      }
    }
  }

  public int exitCode() {
    return exitCode;
  }

  public String stdout() {
    return stdout;
  }

  public String stderr() {
    return stderr;
  }

  /** Every alert line; asserts first that each line of the log is one JSON object. */
  public List<AlertLine> alerts() {
    assertTrue(
        unparsable.isEmpty(),
        () -> "Alert log lines that are not JSON: " + unparsable + describe());
    return alerts;
  }

  public List<AlertLine> alerts(Predicate<AlertLine> filter) {
    return alerts().stream().filter(filter).collect(Collectors.toList());
  }

  /** The workload's last {@code RESULT ...} line, or null. */
  public String result() {
    String last = null;
    for (String line : stdout.split("\n")) {
      if (line.startsWith("RESULT ")) {
        last = line.substring("RESULT ".length()).trim();
      }
    }
    return last;
  }

  /** The value of the workload's {@code PROBE key=value} line, or null. */
  public String probe(String key) {
    String prefix = "PROBE " + key + "=";
    String value = null;
    for (String line : stdout.split("\n")) {
      if (line.startsWith(prefix)) {
        value = line.substring(prefix.length()).trim();
      }
    }
    return value;
  }

  public RunResult assertExit(int expected) {
    assertEquals(expected, exitCode, () -> "exit code" + describe());
    return this;
  }

  /** The operation ran and the JVM exited 0. */
  public RunResult assertOk() {
    assertEquals("ok", result(), () -> "workload result" + describe());
    return assertExit(0);
  }

  /** The intercepted call threw Warden's blocking exception (a SecurityException). */
  public RunResult assertBlocked() {
    String result = result();
    assertTrue(
        result != null && result.startsWith("blocked " + BLOCKED_EXCEPTION),
        () -> "expected the operation to be blocked with " + BLOCKED_EXCEPTION + describe());
    return assertExit(0);
  }

  /** Asserts that the blocked exception's message names the rule. */
  public RunResult assertBlockedBy(String rule) {
    assertBlocked();
    assertTrue(
        result().contains(rule), () -> "block message should name rule " + rule + describe());
    return this;
  }

  /**
   * Finds the alert with this rule and target and asserts its category, operation and action.
   * Returns it for further checks.
   */
  public AlertLine assertAlert(
      String rule, String category, String operation, String action, String target) {
    return assertAlert(rule, category, operation, action, t -> Objects.equals(t, target), target);
  }

  public AlertLine assertAlert(
      String rule,
      String category,
      String operation,
      String action,
      Predicate<String> target,
      String targetDescription) {
    List<AlertLine> matching = alerts(a -> rule.equals(a.rule()) && target.test(a.target()));
    if (matching.isEmpty()) {
      fail("expected an alert with rule " + rule + " and target " + targetDescription + describe());
    }
    AlertLine alert = matching.get(0);
    assertEquals(category, alert.category(), () -> "warden.category of " + alert + describe());
    assertEquals(operation, alert.operation(), () -> "warden.operation of " + alert + describe());
    assertEquals(action, alert.action(), () -> "warden.action of " + alert + describe());
    assertTrue(
        List.of("low", "medium", "high", "critical").contains(alert.severity()),
        () -> "warden.severity of " + alert + describe());
    return alert;
  }

  public RunResult assertNoAlerts() {
    assertTrue(alerts().isEmpty(), () -> "expected no alerts" + describe());
    return this;
  }

  /** Everything needed to understand a failure, appended to assertion messages. */
  public String describe() {
    return "\n--- forked JVM ("
        + jdk
        + ") exit "
        + exitCode
        + "\ncommand: "
        + String.join(" ", command)
        + "\nenv: "
        + env
        + "\nstdout:\n"
        + stdout
        + "\nstderr:\n"
        + truncate(stderr)
        + "\nalert log:\n"
        + alertLogText
        + "---";
  }

  private static String truncate(String text) {
    return text.length() > 6000 ? text.substring(0, 6000) + "\n[... truncated]" : text;
  }
}
