package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.AlertLine;
import dev.warden.it.support.Cases;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.Json;
import dev.warden.it.support.LoopbackTcpServer;
import dev.warden.it.support.Paths;
import dev.warden.it.support.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in threat rules, with no policy or with a broad policy that allows the target: attack
 * rules hold regardless, "unusual" rules are silenced by an allowing entry.
 */
@Execution(ExecutionMode.CONCURRENT)
class BuiltInRulesIT {
  /** Allows everything a policy can allow, for the attack rules that must hold anyway. */
  private static final String BROAD_POLICY =
      "{\"file\":{\"read\":[\"/**\"],\"write\":[\"/**\"]},"
          + "\"network\":{\"allow\":[\"0.0.0.0/0\",\"::/0\",\"*\"]},"
          + "\"process\":{\"allow\":[\"/**\"]}}";

  @TempDir Path tempDir;
  private Path scratchOutsideTmp;

  static Stream<Arguments> modes() {
    return Cases.onEveryJdk("monitor", "enforce");
  }

  @AfterEach
  void removeScratch() throws IOException {
    if (scratchOutsideTmp != null) {
      try (Stream<Path> files = Files.walk(scratchOutsideTmp)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void shellIsProcessShell(Jdk jdk, String mode) throws IOException {
    // the marker is outside /tmp so that only the shell rule applies (see the next test)
    Path marker = scratchOutsideTmp().resolve("marker");
    RunResult run =
        agent(jdk, mode).workload("ProcessBuilder.start", "sh", "-c", "touch " + marker).run();
    expect(
        run, mode, "process.shell", "process", "exec", "high", t -> t != null && t.contains("sh"));
    assertEquals(mode.equals("monitor"), Files.exists(marker), run::describe);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void perlIsProcessInterpreter(Jdk jdk, String mode) throws IOException {
    Path marker = scratchOutsideTmp().resolve("marker");
    RunResult run =
        agent(jdk, mode)
            .workload("ProcessBuilder.start", "perl", "-e", "open(F, '>', $ARGV[0])", marker)
            .run();
    expect(
        run,
        mode,
        "process.interpreter",
        "process",
        "exec",
        "high",
        t -> t != null && t.contains("perl"));
    assertEquals(mode.equals("monitor"), Files.exists(marker), run::describe);
  }

  /**
   * {@code sh -c "touch /tmp/x"} and {@code perl -e CODE /tmp/x} run programs from /usr/bin; a /tmp
   * path among their arguments is data, not the program: not exec-from-writable.
   */
  static Stream<Arguments> programsWithTmpArgument() {
    return Cases.onEveryJdk("sh -c", "perl -e");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("programsWithTmpArgument")
  void tmpPathAsArgumentIsNotExecFromWritable(Jdk jdk, String program) throws IOException {
    Path marker = root().resolve("marker");
    Object[] command =
        program.startsWith("sh")
            ? new Object[] {"sh", "-c", "touch " + marker}
            : new Object[] {"perl", "-e", "open(F, '>', $ARGV[0])", marker};
    RunResult run = agent(jdk, "monitor").workload("ProcessBuilder.start", command).run();
    run.assertOk();
    assertTrue(Files.exists(marker), run::describe);
    assertTrue(
        run.alerts(a -> "process.exec-from-writable".equals(a.rule())).isEmpty(),
        () -> program + " with a /tmp path as data was judged exec-from-writable" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void curlIsProcessNetworkTool(Jdk jdk, String mode) {
    RunResult run = agent(jdk, mode).workload("ProcessBuilder.start", "curl", "--version").run();
    expect(
        run,
        mode,
        "process.network-tool",
        "process",
        "exec",
        "high",
        t -> t != null && t.contains("curl"));
    assertEquals(mode.equals("monitor") ? "0" : null, run.probe("exit"), run::describe);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void binaryDroppedInTmpIsExecFromWritable(Jdk jdk, String mode) throws IOException {
    Path bin = Files.createDirectories(root().resolve("bin"));
    Path payload = Files.copy(Path.of("/bin/true").toRealPath(), bin.resolve("payload"));
    Files.setPosixFilePermissions(payload, PosixFilePermissions.fromString("rwxr-xr-x"));
    RunResult run =
        agent(jdk, mode).policy(BROAD_POLICY).workload("ProcessBuilder.start", payload).run();
    expect(
        run,
        mode,
        "process.exec-from-writable",
        "process",
        "exec",
        "critical",
        t -> t != null && t.contains(payload.toString()));
    assertEquals(mode.equals("monitor") ? "0" : null, run.probe("exit"), run::describe);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void connectToRuntimeApiIsCritical(Jdk jdk, String mode) throws IOException {
    try (LoopbackTcpServer runtimeApi = new LoopbackTcpServer()) {
      RunResult run =
          agent(jdk, mode)
              .policy(BROAD_POLICY)
              .env("AWS_LAMBDA_RUNTIME_API", runtimeApi.hostPort())
              .workload("Socket.connect", "127.0.0.1", runtimeApi.port())
              .run();
      expect(
          run,
          mode,
          "network.runtime-api",
          "network",
          "connect",
          "critical",
          runtimeApi.hostPort()::equals);
      assertEquals(mode.equals("monitor") ? 1 : 0, runtimeApi.connections(), run::describe);
    }
  }

  /**
   * 169.254.169.254 is never reachable here: the fork runs in an empty network namespace, so in
   * monitor the connect fails with "Network is unreachable" after the alert, and nothing leaves.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void connectToMetadataEndpointIsCritical(Jdk jdk, String mode) {
    RunResult run =
        agent(jdk, mode)
            .policy(BROAD_POLICY)
            .isolatedNetwork()
            .workload("Socket.connect", "169.254.169.254", 80)
            .run();
    AlertLine alert =
        run.assertAlert(
            "network.metadata", "network", "connect", action(mode), "169.254.169.254:80");
    assertEquals("critical", alert.severity(), run::describe);
    if (mode.equals("enforce")) {
      run.assertBlockedBy("network.metadata");
    } else {
      assertTrue(
          String.valueOf(run.result()).contains("unreachable"),
          () ->
              "monitor should let the connect proceed (to fail in the empty namespace)"
                  + run.describe());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void writeUnderTaskRootIsHighEvenWhenPolicyAllowsIt(Jdk jdk, String mode) throws IOException {
    Path taskRoot = Files.createDirectories(root().resolve("task"));
    Path target = taskRoot.resolve("Handler.class");
    RunResult run =
        agent(jdk, mode)
            .policy(BROAD_POLICY)
            .env("LAMBDA_TASK_ROOT", taskRoot.toString())
            .workload("Files.writeString", target)
            .run();
    expect(run, mode, "file.write-task-root", "file", "write", "high", target.toString()::equals);
    assertEquals(mode.equals("monitor"), Files.exists(target), run::describe);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void writeOutsideTmpIsMedium(Jdk jdk, String mode) throws IOException {
    Path target = scratchOutsideTmp().resolve("out.txt");
    RunResult run = agent(jdk, mode).workload("Files.writeString", target).run();
    expect(
        run, mode, "file.write-outside-tmp", "file", "write", "medium", target.toString()::equals);
    assertEquals(mode.equals("monitor"), Files.exists(target), run::describe);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void writeOutsideTmpIsSilencedByAllowingPolicy(Jdk jdk, String mode) throws IOException {
    Path dir = scratchOutsideTmp();
    Path target = dir.resolve("out.txt");
    RunResult run =
        agent(jdk, mode)
            .policy("{\"file\":{\"write\":[" + Json.quote(dir + "/**") + "]}}")
            .workload("Files.writeString", target)
            .run();
    run.assertOk();
    assertTrue(Files.exists(target), run::describe);
    assertTrue(
        run.alerts(a -> target.toString().equals(a.target())).isEmpty(),
        () -> "an allowed write alerted" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void listenIsSilencedByAllowingPolicy(Jdk jdk, String mode) throws IOException {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    RunResult run =
        agent(jdk, mode)
            .policy("{\"network\":{\"allow\":[\"127.0.0.1:" + port + "\"]}}")
            .workload("ServerSocket.bind", "127.0.0.1", port)
            .run();
    run.assertOk();
    assertEquals("true", run.probe("listening"), run::describe);
    run.assertNoAlerts();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void awsCredentialsFileIsSecretReadEvenWhenPolicyAllowsIt(Jdk jdk, String mode)
      throws IOException {
    Path home = Files.createDirectories(root().resolve("home"));
    Path credentials = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
    Files.writeString(credentials, "[default]\naws_secret_access_key = not-a-real-key\n");
    RunResult run =
        agent(jdk, mode)
            .policy(BROAD_POLICY)
            .env("HOME", home.toString())
            .jvmArg("-Duser.home=" + home)
            .workload("Files.readString", credentials)
            .run();
    expect(
        run, mode, "file.secret-read", "file", "read", "critical", credentials.toString()::equals);
    assertFalse(
        run.alerts().stream().anyMatch(a -> a.raw().contains("not-a-real-key")),
        () -> "an alert leaked the secret" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void environReadIsSecretReadEvenWhenPolicyAllowsIt(Jdk jdk, String mode) {
    RunResult run =
        agent(jdk, mode)
            .policy(BROAD_POLICY)
            .env("WARDEN_IT_CANARY", "canary-secret-value")
            .workload("FileInputStream", "/proc/self/environ")
            .run();
    expect(
        run,
        mode,
        "file.secret-read",
        "file",
        "read",
        "critical",
        t -> t != null && t.matches("/proc/\\d+/environ"));
    assertFalse(
        run.alerts().stream().anyMatch(a -> a.raw().contains("canary-secret-value")),
        () -> "an alert leaked the environment" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void procSelfMemIsProcessMemory(Jdk jdk, String mode) {
    RunResult run =
        agent(jdk, mode)
            .policy(BROAD_POLICY)
            .workload("RandomAccessFile-r", "/proc/self/mem")
            .run();
    expect(
        run,
        mode,
        "file.process-memory",
        "file",
        "read",
        "critical",
        t -> t != null && t.matches("/proc/\\d+/mem"));
  }

  private void expect(
      RunResult run,
      String mode,
      String rule,
      String category,
      String operation,
      String severity,
      Predicate<String> target) {
    if (mode.equals("enforce")) {
      run.assertBlockedBy(rule);
    } else {
      run.assertOk();
    }
    AlertLine alert =
        run.assertAlert(rule, category, operation, action(mode), target, rule + " target");
    assertEquals(severity, alert.severity(), () -> "warden.severity of " + alert + run.describe());
    if (mode.equals("enforce")) {
      assertNull(run.probe("bytes"), run::describe);
    }
  }

  private static String action(String mode) {
    return mode.equals("enforce") ? "blocked" : "alerted";
  }

  private AgentRun agent(Jdk jdk, String mode) {
    return AgentRun.on(jdk, tempDir).mode(mode);
  }

  private Path root() throws IOException {
    return tempDir.toRealPath();
  }

  /** A fresh directory outside /tmp (under the module's target/), removed after the test. */
  /**
   * A directory outside /tmp: the build's target directory, unless the checkout itself lives under
   * /tmp (CI may clone there), then /var/tmp.
   */
  private Path scratchOutsideTmp() throws IOException {
    Path base = Paths.testClasses().getParent().resolve("it-scratch");
    Files.createDirectories(base);
    if (base.toRealPath().startsWith("/tmp")) {
      base = Files.createDirectories(Path.of("/var/tmp/warden-it-scratch"));
    }
    scratchOutsideTmp =
        Files.createDirectories(base.resolve(UUID.randomUUID().toString())).toRealPath();
    assertFalse(scratchOutsideTmp.startsWith("/tmp"), "no scratch directory outside /tmp");
    return scratchOutsideTmp;
  }
}
