package dev.warden.agent.alert;

import dev.warden.agent.model.Action;
import dev.warden.agent.model.Alert;
import dev.warden.agent.model.Category;
import dev.warden.agent.model.Mode;
import dev.warden.agent.model.Operation;
import dev.warden.agent.model.Severity;
import java.util.List;

/** Alerts for tests. */
final class TestAlerts {
  /** 2024-03-05T06:07:08.009Z */
  static final long MARCH_5_2024 = 1_709_618_828_009L;

  private TestAlerts() {}

  static Alert shellAlert(String target, String invocationId) {
    return new Alert(
        "process.shell",
        Category.PROCESS,
        Operation.EXEC,
        Action.ALERTED,
        Severity.HIGH,
        target,
        target,
        invocationId,
        null,
        "function started a shell",
        "main",
        List.of("com.example.Handler.handle:42"),
        MARCH_5_2024,
        Mode.MONITOR);
  }

  static Alert withStrings(String target, String requestedTarget, String message) {
    return new Alert(
        "file.sensitive-read",
        Category.FILE,
        Operation.READ,
        Action.BLOCKED,
        Severity.CRITICAL,
        target,
        requestedTarget,
        "inv-1",
        "/queryStringParameters/file",
        message,
        "worker-1",
        List.of(),
        MARCH_5_2024,
        Mode.ENFORCE);
  }

  static Alert onlyRuleAndTime(String rule, long epochMillis) {
    return new Alert(
        rule, null, null, null, null, null, null, null, null, null, null, null, epochMillis, null);
  }

  /** The alert with target, requested target and message cleared, to compare everything else. */
  static Alert withoutTexts(Alert alert) {
    return new Alert(
        alert.rule(),
        alert.category(),
        alert.operation(),
        alert.action(),
        alert.severity(),
        null,
        null,
        alert.invocationId(),
        alert.source(),
        null,
        alert.thread(),
        alert.stack(),
        alert.epochMillis(),
        alert.mode());
  }
}
