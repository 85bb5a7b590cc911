package dev.warden.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event files, the alert log and the runtime client's jars. */
class SupportTest {
  @TempDir Path dir;

  @Test
  void badJsonInAnEventIsReportedWithLineAndColumn() throws IOException {
    Path event = Files.writeString(dir.resolve("e.json"), "{\n  \"a\": 1,\n  oops\n}\n");
    CliFailure e = assertThrows(CliFailure.class, () -> EventFiles.read(event));
    assertTrue(e.getMessage().startsWith(event + ":3:3: bad JSON: "), e.getMessage());
  }

  @Test
  void unreadableOrEmptyEvents() throws IOException {
    Path missing = dir.resolve("missing.json");
    assertEquals(
        missing + ": cannot read the event file: it does not exist",
        assertThrows(CliFailure.class, () -> EventFiles.read(missing)).getMessage());
    Path empty = Files.writeString(dir.resolve("empty.json"), " \n");
    assertTrue(
        assertThrows(CliFailure.class, () -> EventFiles.read(empty))
            .getMessage()
            .contains("empty"));
    assertTrue(
        assertThrows(CliFailure.class, () -> EventFiles.readFolder(dir.resolve("none")))
            .getMessage()
            .contains("not a folder"));
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Files.writeString(folder.resolve("notes.txt"), "x");
    assertTrue(
        assertThrows(CliFailure.class, () -> EventFiles.readFolder(folder))
            .getMessage()
            .contains("no *.json"));
  }

  @Test
  void eventFolderIsReadInNameOrder() throws IOException, CliFailure {
    Files.writeString(dir.resolve("b.json"), "{\"n\":2}");
    Files.writeString(dir.resolve("a.json"), "{\"n\":1}");
    Files.writeString(dir.resolve("c.txt"), "not an event");
    List<EventFiles.Event> events = EventFiles.readFolder(dir);
    assertEquals(2, events.size());
    assertEquals("{\"n\":1}", events.get(0).json());
  }

  @Test
  void alertLogGivesNewCompleteLinesCompactly() throws IOException {
    Path file = Files.writeString(dir.resolve("alerts.jsonl"), "");
    AlertLog log = new AlertLog(file);
    String line =
        "{\"time\":\"t\",\"warden.rule\":\"file.secret-read\",\"warden.category\":\"file\","
            + "\"warden.action\":\"blocked\",\"warden.severity\":\"critical\","
            + "\"warden.target\":\"/proc/1/environ\",\"warden.source\":\"/body/file\"}";
    Files.writeString(file, line + "\n{\"partial", StandardOpenOption.APPEND);
    List<String> lines = log.newLines();
    assertEquals(List.of(line), lines);
    assertEquals(
        "file.secret-read critical blocked /proc/1/environ  source=/body/file",
        AlertLog.compact(lines.get(0)));
    assertTrue(AlertLog.isBlocked(line));
    assertEquals(List.of(), log.newLines());
    Files.writeString(file, "\":1}\n", StandardOpenOption.APPEND);
    assertEquals(List.of("{\"partial\":1}"), log.newLines());
  }

  @Test
  void runtimeClientFromOptionEnvironmentOrMavenRepository() throws IOException, CliFailure {
    CliEnvironment nowhere = new CliEnvironment(Map.of(), dir, dir, null);
    CliFailure none = assertThrows(CliFailure.class, () -> RuntimeClientJars.locate(null, nowhere));
    assertTrue(none.getMessage().contains("--runtime-client DIR"), none.getMessage());

    Path ric = Files.createDirectories(dir.resolve("ric"));
    Files.writeString(ric.resolve("aws-lambda-java-runtime-interface-client-2.10.1.jar"), "");
    Files.writeString(ric.resolve("utils-lite-2.34.0.jar"), "");
    assertEquals(2, RuntimeClientJars.locate(ric, nowhere).size());
    CliEnvironment withEnv =
        new CliEnvironment(Map.of(RuntimeClientJars.ENV, ric.toString()), dir, dir, null);
    assertEquals(2, RuntimeClientJars.locate(null, withEnv).size());
    assertTrue(
        assertThrows(CliFailure.class, () -> RuntimeClientJars.locate(dir, nowhere))
            .getMessage()
            .contains("holds no aws-lambda-java-runtime-interface-client"));

    Path home = Files.createDirectories(dir.resolve("home"));
    for (String[] a : RuntimeClientJars.MAVEN_ARTIFACTS) {
      Path folder =
          Files.createDirectories(
              home.resolve(".m2/repository").resolve(a[0]).resolve(a[1]).resolve(a[2]));
      Files.writeString(folder.resolve(a[1] + "-" + a[2] + ".jar"), "");
    }
    CliEnvironment withMaven = new CliEnvironment(Map.of(), dir, home, null);
    assertEquals(
        RuntimeClientJars.MAVEN_ARTIFACTS.size(), RuntimeClientJars.locate(null, withMaven).size());
  }
}
