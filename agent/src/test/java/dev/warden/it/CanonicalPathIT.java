package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.AlertLine;
import dev.warden.it.support.Cases;
import dev.warden.it.support.FileTree;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paths are judged by where they land: {@code ..} and symlinks are resolved before the policy is
 * applied; the alert's target is the canonical path and target.requested the path as given.
 */
@Execution(ExecutionMode.CONCURRENT)
class CanonicalPathIT {
  @TempDir Path tempDir;

  static Stream<Arguments> modes() {
    return Cases.onEveryJdk("monitor", "enforce");
  }

  static Stream<Arguments> jdks() {
    return Cases.onEveryJdk("Files.readString");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void dotDotOutOfAllowedDirIsJudgedByWhereItLands(Jdk jdk, String mode) {
    FileTree tree = FileTree.create(tempDir);
    String requested = tree.allowed() + "/../denied/secret.txt";
    RunResult run = read(jdk, tree, mode, requested);
    expectDeniedRead(run, mode, tree, requested);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void symlinkInAllowedDirToDeniedFileIsJudgedByItsTarget(Jdk jdk, String mode) throws IOException {
    FileTree tree = FileTree.create(tempDir);
    Path link = Files.createSymbolicLink(tree.allowed().resolve("innocent.txt"), tree.secret());
    RunResult run = read(jdk, tree, mode, link.toString());
    expectDeniedRead(run, mode, tree, link.toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("jdks")
  void dotDotIntoAllowedDirIsAllowed(Jdk jdk, String api) {
    FileTree tree = FileTree.create(tempDir);
    RunResult run = read(jdk, tree, "enforce", tree.denied() + "/../allowed/data.txt");
    run.assertOk();
    assertTrue(
        run.alerts(a -> "file".equals(a.category())).isEmpty(),
        () -> "a read landing in allowed/ alerted" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void procSelfEnvironIsSecretReadOfTheRealPid(Jdk jdk, String mode) {
    RunResult run =
        AgentRun.on(jdk, tempDir)
            .mode(mode)
            .workload("Files.readAllBytes", "/proc/self/environ")
            .run();
    String action = mode.equals("enforce") ? "blocked" : "alerted";
    if (mode.equals("enforce")) {
      run.assertBlockedBy("file.secret-read");
    } else {
      run.assertOk();
    }
    AlertLine alert =
        run.assertAlert(
            "file.secret-read",
            "file",
            "read",
            action,
            t -> t != null && t.matches("/proc/\\d+/environ"),
            "/proc/<pid>/environ");
    assertEquals("critical", alert.severity(), run::describe);
    assertEquals("/proc/self/environ", alert.requestedTarget(), run::describe);
  }

  private static void expectDeniedRead(
      RunResult run, String mode, FileTree tree, String requested) {
    String action;
    if (mode.equals("enforce")) {
      run.assertBlockedBy("policy.file.read");
      action = "blocked";
    } else {
      run.assertOk();
      action = "alerted";
    }
    AlertLine alert =
        run.assertAlert("policy.file.read", "file", "read", action, tree.secret().toString());
    assertEquals(
        requested, alert.requestedTarget(), () -> "warden.target.requested" + run.describe());
  }

  private RunResult read(Jdk jdk, FileTree tree, String mode, String path) {
    return AgentRun.on(jdk, tree.root())
        .mode(mode)
        .policy(tree.policy(jdk))
        .workload("Files.readString", path)
        .run();
  }
}
