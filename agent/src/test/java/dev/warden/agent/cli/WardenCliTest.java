package dev.warden.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.model.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WardenCliTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    CliEnvironment environment = new CliEnvironment(Map.of(), dir, dir, null);
    return WardenCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        environment);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryCommandAndExitsZero() {
    for (String help : new String[] {"--help", "help", "-h"}) {
      out.reset();
      assertEquals(0, run(help));
      for (String command : new String[] {"check-policy", "invoke", "learn"}) {
        assertTrue(out().contains(command), () -> help + " does not mention " + command);
      }
    }
    out.reset();
    assertEquals(0, run("invoke", "--help"));
    assertTrue(out().startsWith("usage:"));
  }

  @Test
  void noArgumentsPrintsUsageToStderrAndExitsTwo() {
    assertEquals(2, run());
    assertTrue(err().startsWith("usage:"));
    assertEquals("", out());
  }

  @Test
  void unknownCommandOrOptionIsAUsageError() {
    assertEquals(2, run("frobnicate"));
    assertTrue(err().contains("unknown command 'frobnicate'"), err());
    err.reset();
    assertEquals(2, run("invoke", "--handler", "a.B", "--jar", "f.jar", "--bogus", "e.json"));
    assertTrue(err().contains("unknown option --bogus"), err());
    err.reset();
    assertEquals(2, run("check-policy"));
    assertTrue(err().contains("check-policy needs a policy file"), err());
  }

  @Test
  void checkPolicyOk() throws IOException {
    Path policy =
        Files.writeString(
            dir.resolve("p.json"),
            "{ \"mode\": \"enforce\",\n"
                + "  \"network\": { \"allow\": [\"*.amazonaws.com:443\", \"10.0.0.0/8\"] },\n"
                + "  \"file\": { \"read\": [\"/var/task/**\"], \"write\": [\"/tmp/**\"] } }\n");
    assertEquals(0, run("check-policy", policy.toString()));
    assertEquals(
        policy
            + ": OK\n"
            + "  mode: enforce; network.allow: 2 entries; file.read: 1 entry, file.write: 1 entry;"
            + " not restricted: process, library\n",
        out());
    assertEquals("", err());
  }

  @Test
  void checkPolicyErrorNamesFileLineAndColumn() throws IOException {
    Path policy =
        Files.writeString(
            dir.resolve("bad.json"),
            "{\n  \"mode\": \"enforce\",\n  \"file\": { \"read\": [42] }\n}\n");
    assertEquals(1, run("check-policy", policy.toString()));
    assertTrue(err().startsWith(policy + ":3:22: "), err());
    assertTrue(err().contains("must be strings"), err());
    assertEquals("", out());
  }

  @Test
  void checkPolicyReportsEachFileAndFailsIfAnyFails() throws IOException {
    Path good = Files.writeString(dir.resolve("good.json"), "{}");
    Path syntax =
        Files.writeString(dir.resolve("syntax.json"), "{\n  \"mode\": \"enforce\"\n  x }");
    Path missing = dir.resolve("missing.json");
    assertEquals(1, run("check-policy", good.toString(), syntax.toString(), missing.toString()));
    assertTrue(out().startsWith(good + ": OK\n"), out());
    String[] errors = err().split("\n");
    assertEquals(2, errors.length, err());
    assertTrue(errors[0].startsWith(syntax + ":3:3: "), errors[0]);
    assertEquals(missing + ": cannot read the policy file: it does not exist", errors[1]);
  }

  @Test
  void checkPolicyOfAFolderOrANonUtf8File() throws IOException {
    assertEquals(1, run("check-policy", dir.toString()));
    assertTrue(err().contains("it is a directory"), err());
    err.reset();
    Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', (byte) 0xE9, '}'});
    assertEquals(1, run("check-policy", latin1.toString()));
    assertTrue(err().startsWith(latin1 + ": "), err());
    assertTrue(err().contains("UTF-8"), err());
  }

  @Test
  void invokeOutsideTheJarSaysToRunTheJar() throws IOException {
    Path event = Files.writeString(dir.resolve("e.json"), "{}");
    Path jar = Files.writeString(dir.resolve("f.jar"), "");
    assertEquals(1, run("invoke", "--handler", "a.B", "--jar", jar.toString(), event.toString()));
    assertTrue(err().contains("must run from the packaged jar"), err());
  }

  @Test
  void invokeOptions() throws UsageException {
    FunctionOptions o =
        FunctionOptions.parseInvoke(
            new String[] {
              "--handler=a.B::handle",
              "--jar",
              "f.jar",
              "--classpath",
              "lib/*:classes",
              "--mode",
              "ENFORCE",
              "--policy",
              "p.json",
              "--env",
              "A=b=c",
              "--hosts-file",
              "hosts",
              "--timeout-seconds",
              "5",
              "e1.json",
              "e2.json"
            });
    assertEquals("a.B::handle", o.handler);
    assertEquals(java.util.List.of("f.jar"), o.jars);
    assertEquals(java.util.List.of("lib/*:classes"), o.classpaths);
    assertEquals(Mode.ENFORCE, o.mode);
    assertEquals(Path.of("p.json"), o.policy);
    assertEquals(Map.of("A", "b=c"), o.env);
    assertEquals(Path.of("hosts"), o.hostsFile);
    assertEquals(5, o.timeoutSeconds);
    assertEquals(java.util.List.of(Path.of("e1.json"), Path.of("e2.json")), o.events);
    assertFalse(o.learn);
  }

  @Test
  void invokeOptionErrors() {
    assertUsage("needs --handler", "invoke", "--jar", "f.jar", "e.json");
    assertUsage("--jar JAR or --classpath CP", "invoke", "--handler", "a.B", "e.json");
    assertUsage("at least one event file", "invoke", "--handler", "a.B", "--jar", "f.jar");
    assertUsage("--mode takes monitor, enforce or learn", "invoke", "--mode", "block");
    assertUsage("--env takes NAME=VALUE", "invoke", "--env", "novalue");
    assertUsage("use --mode", "invoke", "--env", "WARDEN_MODE=enforce");
    assertUsage("positive whole number", "invoke", "--timeout-seconds", "0");
    assertUsage("--handler needs a value", "invoke", "--handler");
  }

  @Test
  void learnOptions() throws UsageException {
    FunctionOptions o =
        FunctionOptions.parseLearn(
            new String[] {"--handler", "a.B", "--jar", "f.jar", "--events", "ev"});
    assertEquals(Mode.LEARN, o.mode);
    assertEquals(Path.of("ev"), o.eventsDirectory);
    assertEquals(Path.of("warden-policy.json"), o.output);
    assertTrue(o.learn);
    assertUsage("--events DIR", "learn", "--handler", "a.B", "--jar", "f.jar");
    assertUsage(
        "leave out --mode", "learn", "--handler", "a.B", "--jar", "f.jar", "--mode", "enforce");
    assertUsage(
        "from a folder", "learn", "--handler", "a.B", "--jar", "f.jar", "--events", "d", "e.json");
  }

  private static void assertUsage(String expected, String command, String... args) {
    UsageException thrown =
        assertThrows(
            UsageException.class,
            () -> {
              if (command.equals("learn")) {
                FunctionOptions.parseLearn(args);
              } else {
                FunctionOptions.parseInvoke(args);
              }
            });
    assertTrue(
        thrown.getMessage().contains(expected),
        () -> "expected '" + expected + "' in: " + thrown.getMessage());
  }
}
