package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.Paths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code java -jar warden-agent.jar <command>} for real: the packaged jar runs a sample function
 * through the local Lambda runtime with itself as the agent. The runtime interface client is found
 * beside the jar (local-runtime/target/runtime-client in this build); every function JVM resolves
 * names from a hosts file of the test's, never from a real resolver.
 */
@Execution(ExecutionMode.CONCURRENT)
class CliIT {
  private static final String HANDLER = "dev.warden.samples.forms.TypedHandler";

  @TempDir Path dir;
  private Path hosts;
  private Path readEnviron;
  private Path none;

  @BeforeEach
  void files() throws IOException {
    hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
    readEnviron =
        Files.writeString(dir.resolve("read-environ.json"), "{\"action\":\"read-environ\"}");
    none = Files.writeString(dir.resolve("none.json"), "{\"action\":\"none\"}");
  }

  @Test
  void helpListsTheCommands() {
    Run help = cli("--help");
    help.assertExit(0);
    for (String command : List.of("check-policy", "invoke", "learn")) {
      assertTrue(help.out.contains(command), help::describe);
    }
    Run bare = cli();
    bare.assertExit(2);
    assertTrue(bare.err.startsWith("usage:"), bare::describe);
  }

  @Test
  void checkPolicyAcceptsAGoodPolicyAndPointsAtTheErrorInABadOne() throws IOException {
    Path good =
        Files.writeString(
            dir.resolve("good.json"),
            "{ \"mode\": \"enforce\", \"file\": { \"read\": [\"/var/task/**\"] } }");
    Run ok = cli("check-policy", good.toString());
    ok.assertExit(0);
    assertTrue(ok.out.startsWith(good + ": OK\n"), ok::describe);
    assertTrue(ok.out.contains("file.read: 1 entry"), ok::describe);

    Path bad =
        Files.writeString(
            dir.resolve("bad.json"),
            "{\n  \"mode\": \"enforce\",\n  \"network\": { \"allow\": [\"host:99999\"] }\n}\n");
    Run error = cli("check-policy", bad.toString());
    error.assertExit(1);
    assertTrue(error.err.startsWith(bad + ":3:26: "), error::describe);
  }

  @Test
  void invokeInMonitorModeReportsTheAlertAndTheResponse() {
    Run run = invoke("--mode", "monitor", readEnviron.toString(), none.toString());
    run.assertExit(0);
    List<String> events = run.eventBlocks();
    assertEquals(2, events.size(), run::describe);
    assertTrue(events.get(0).contains("response: \"typed: read "), run::describe);
    assertTrue(
        events.get(0).matches("(?s).*\n    file\\.secret-read critical alerted /proc/.*"),
        run::describe);
    assertTrue(events.get(1).contains("response: \"typed: nothing to do\""), run::describe);
    assertTrue(events.get(1).contains("alerts: 0"), run::describe);
  }

  @Test
  void invokeInEnforceModeBlocksAndReportsTheError() {
    Run run = invoke("--mode", "enforce", none.toString(), readEnviron.toString());
    run.assertExit(1);
    List<String> events = run.eventBlocks();
    assertTrue(events.get(0).contains("alerts: 0"), run::describe);
    assertTrue(events.get(1).contains("error: "), run::describe);
    assertTrue(events.get(1).contains("Warden blocked read of /proc/"), run::describe);
    assertTrue(events.get(1).contains("file.secret-read critical blocked /proc/"), run::describe);
  }

  @Test
  void learnThenEnforceTheLearnedPolicyGivesNoAlert() throws IOException {
    Path benign = Files.createDirectories(dir.resolve("benign"));
    Files.writeString(benign.resolve("1.json"), "{\"action\":\"none\"}");
    Files.writeString(benign.resolve("2.json"), "{\"action\":\"none\",\"id\":2}");
    Path policy = dir.resolve("out/policy.json");

    Run learn =
        cli(withFunction("learn", "--events", benign.toString(), "--output", policy.toString()));
    learn.assertExit(0);
    assertTrue(Files.isRegularFile(policy), learn::describe);
    String learned = Files.readString(policy);
    assertTrue(learn.out.contains(learned), learn::describe);
    assertTrue(learn.out.contains("--mode enforce --policy " + policy), learn::describe);
    cli("check-policy", policy.toString()).assertExit(0);

    Run enforce =
        invoke(
            "--mode",
            "enforce",
            "--policy",
            policy.toString(),
            benign.resolve("1.json").toString(),
            benign.resolve("2.json").toString());
    enforce.assertExit(0);
    assertTrue(enforce.out.contains("2 responses, 0 errors; 0 alerts"), enforce::describe);
  }

  @Test
  void errorsNameWhatIsWrong() throws IOException {
    Run missingClass =
        cli(
            "invoke",
            "--handler",
            "dev.warden.samples.NoSuchHandler",
            "--jar",
            functionJar().toString(),
            "--hosts-file",
            hosts.toString(),
            none.toString());
    missingClass.assertExit(1);
    assertTrue(
        missingClass.out.contains("dev.warden.samples.NoSuchHandler"), missingClass::describe);
    assertTrue(missingClass.out.contains("hint: the handler class"), missingClass::describe);

    Path badJson = Files.writeString(dir.resolve("bad-event.json"), "{\n  \"action\" \"none\"\n}");
    Run bad = invoke(badJson.toString());
    bad.assertExit(1);
    assertTrue(bad.err.contains(badJson + ":2:12: bad JSON"), bad::describe);
    assertFalse(bad.out.contains("=="), "nothing may run before every event is checked");

    Path absent = dir.resolve("absent.json");
    Run unreadable = invoke(none.toString(), absent.toString());
    unreadable.assertExit(1);
    assertTrue(
        unreadable.err.contains(absent + ": cannot read the event file"), unreadable::describe);

    Path badPolicy = Files.writeString(dir.resolve("bad-policy.json"), "{ \"mode\": \"block\" }");
    Run policy = invoke("--policy", badPolicy.toString(), none.toString());
    policy.assertExit(1);
    assertTrue(policy.err.contains(badPolicy + ":1:"), policy::describe);

    Run unknown = cli("invoke", "--handler", HANDLER, "--frobnicate", none.toString());
    unknown.assertExit(2);
    assertTrue(unknown.err.contains("unknown option --frobnicate"), unknown::describe);
    cli("deploy").assertExit(2);
  }

  // ---------------------------------------------------------------- harness

  private static Path functionJar() {
    return samples().resolve("warden-sample-functions-0.1.0-SNAPSHOT.jar");
  }

  private static Path samples() {
    return Path.of(System.getProperty("warden.sample.functions", "../sample-functions/target"))
        .toAbsolutePath();
  }

  private String[] withFunction(String command, String... more) {
    List<String> args = new ArrayList<>();
    args.add(command);
    args.addAll(
        List.of(
            "--handler",
            HANDLER,
            "--jar",
            functionJar().toString(),
            "--classpath",
            samples().resolve("lib/aws-lambda-java-core-1.3.0.jar").toString(),
            "--hosts-file",
            hosts.toString()));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  private Run invoke(String... more) {
    return cli(withFunction("invoke", more));
  }

  private Run cli(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(Paths.agentJar().toString());
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(dir, "cli", ".out");
      Path err = Files.createTempFile(dir, "cli", ".err");
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Run(
          command,
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private record Run(List<String> command, int exit, String out, String err) {
    private static final Pattern BLOCK = Pattern.compile("(?ms)^== .*?(?=^== |\\z)");

    void assertExit(int expected) {
      assertEquals(expected, exit, this::describe);
    }

    /** The per-event blocks of invoke's output, without the closing summary line. */
    List<String> eventBlocks() {
      List<String> blocks = new ArrayList<>();
      Matcher m = BLOCK.matcher(out);
      while (m.find()) {
        if (m.group().contains("\n  ")) {
          blocks.add(m.group());
        }
      }
      return blocks;
    }

    String describe() {
      return "\n$ "
          + String.join(" ", command)
          + "\nexit "
          + exit
          + "\n--- stdout\n"
          + out
          + "--- stderr\n"
          + err;
    }
  }
}
