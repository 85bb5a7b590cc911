package dev.warden.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test program run with the agent (this JDK, {@code -javaagent}) and {@code -Xlog:class+load}:
 * which classes loaded before the program's main class, in order, and what it printed.
 */
public final class ClassLoadLog {
  /** One line of the log: the class's name and where it came from. */
  public record Loaded(String name, String line) {}

  private final List<Loaded> beforeMain;
  private final String output;

  private ClassLoadLog(List<Loaded> beforeMain, String output) {
    this.beforeMain = beforeMain;
    this.output = output;
  }

  public static ClassLoadLog run(Path directory, String mainClass, String... args)
      throws IOException, InterruptedException {
    Path log = directory.resolve("class-load.log");
    Path output = directory.resolve("output.txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + log,
                "-javaagent:" + Paths.agentJar(),
                "-cp",
                Paths.testClasses().toString(),
                mainClass));
    command.addAll(List.of(args));
    Process java =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertTrue(java.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
    String printed = Files.readString(output);
    assertEquals(0, java.exitValue(), printed);
    List<Loaded> loaded = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      String[] words = line.split(" ");
      if (words.length < 2) {
        continue;
      }
      if (words[1].equals(mainClass)) {
        return new ClassLoadLog(loaded, printed);
      }
      loaded.add(new Loaded(words[1], line));
    }
    throw new AssertionError("the main class never loaded; output: " + printed);
  }

  /** The classes loaded before the main class, in load order. */
  public List<Loaded> beforeMain() {
    return beforeMain;
  }

  public String output() {
    return output;
  }
}
