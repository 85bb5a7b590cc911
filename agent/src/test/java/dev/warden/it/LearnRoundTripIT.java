package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.Jdks;
import dev.warden.it.support.LoopbackTcpServer;
import dev.warden.it.support.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Learn, then enforce what was learned: the same benign function runs with zero alerts (its temp
 * files have new random names the second time), and a read outside it is blocked.
 */
@Execution(ExecutionMode.CONCURRENT)
class LearnRoundTripIT {
  private static final String MAIN = "dev.warden.it.workload.BenignFunction";

  @TempDir Path tempDir;

  static Stream<Jdk> jdks() {
    return Jdks.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void learnedPolicyAllowsTheFunctionAndBlocksAnythingElse(Jdk jdk) throws IOException {
    Path root = tempDir.toRealPath();
    Path data = Files.createDirectories(root.resolve("data"));
    Files.writeString(data.resolve("config.json"), "{\"greeting\":\"hello\"}");
    Path scratch = Files.createDirectories(root.resolve("scratch"));
    Path other = Files.createDirectories(root.resolve("other"));
    Path outside = Files.writeString(other.resolve("secret.txt"), "not for this function");
    Path learned = root.resolve("learned-policy.json");

    try (LoopbackTcpServer server = new LoopbackTcpServer()) {
      String[] args = {data.toString(), scratch.toString(), String.valueOf(server.port())};
      // the JDK reads the hosts file for the lookup: the same file in all three runs
      Path hosts = root.resolve("hosts");

      RunResult learn =
          function(jdk, root.resolve("learn"), "learn", hosts)
              .env("WARDEN_LEARN_OUTPUT", learned.toString())
              .main(MAIN, args)
              .run();
      assertEquals("ok", learn.result(), learn::describe);
      learn.assertExit(0);
      assertTrue(
          Files.isRegularFile(learned), () -> "no learned policy written" + learn.describe());
      String policy = Files.readString(learned);
      assertTrue(policy.trim().startsWith("{"), () -> "learned policy:\n" + policy);

      RunResult enforce =
          function(jdk, root.resolve("enforce"), "enforce", hosts)
              .env("WARDEN_POLICY", learned.toString())
              .main(MAIN, args)
              .run();
      assertEquals("ok", enforce.result(), () -> "learned policy:\n" + policy + enforce.describe());
      enforce.assertExit(0);
      assertTrue(
          enforce.alerts().isEmpty(),
          () ->
              "the learned policy does not cover the function\nlearned policy:\n"
                  + policy
                  + enforce.describe());

      String[] withOutsideRead = {args[0], args[1], args[2], outside.toString()};
      RunResult outsideRun =
          function(jdk, root.resolve("outside"), "enforce", hosts)
              .env("WARDEN_POLICY", learned.toString())
              .main(MAIN, withOutsideRead)
              .run();
      assertTrue(
          String.valueOf(outsideRun.result())
              .startsWith("blocked java.lang.WardenBlockedException"),
          () -> "learned policy:\n" + policy + outsideRun.describe());
      outsideRun.assertAlert("policy.file.read", "file", "read", "blocked", outside.toString());
    }
  }

  private static AgentRun function(Jdk jdk, Path workDir, String mode, Path hosts) {
    return AgentRun.on(jdk, workDir).mode(mode).hostsFile(hosts).host("api.test.internal");
  }
}
