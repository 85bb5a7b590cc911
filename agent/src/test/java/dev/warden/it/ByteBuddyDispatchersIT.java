package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Premain has Byte Buddy generate its reflection dispatchers as plain classes rather than JDK
 * proxies (less start-up CPU, see Installer), through a system property that it clears again: the
 * function sees no trace of it.
 */
class ByteBuddyDispatchersIT {
  private static final String PROPERTY = "dev.warden.agent.shaded.bytebuddy.generate";
  private static final String MAIN = "dev.warden.it.workload.PrintsProperty";

  @TempDir Path tempDir;

  @Test
  void byteBuddysDispatchersAreGeneratedClassesAndTheSwitchIsGone() throws Exception {
    Path log = tempDir.resolve("class-load.log");
    Path output = tempDir.resolve("output.txt");
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + log,
                "-javaagent:" + Paths.agentJar(),
                "-cp",
                Paths.testClasses().toString(),
                MAIN,
                PROPERTY)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertTrue(java.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
    assertEquals(0, java.exitValue(), Files.readString(output));
    assertTrue(
        Files.readString(output).contains("PROPERTY " + PROPERTY + "=null"),
        "the function sees the switch: " + Files.readString(output));

    List<String> proxies = new ArrayList<>();
    List<String> generated = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      String[] words = line.split(" ");
      if (words.length < 2) {
        continue;
      }
      String name = words[1];
      if (name.equals(MAIN)) {
        break;
      }
      if (name.startsWith("dev.warden.agent.shaded.bytebuddy.")) {
        if (line.contains("__dynamic_proxy__")) {
          proxies.add(name);
        } else if (name.endsWith("$Proxy")) {
          generated.add(name);
        }
      }
    }
    assertEquals(List.of(), proxies, "Byte Buddy dispatchers made as JDK proxies");
    assertTrue(generated.size() > 2, "no generated dispatcher loaded: " + generated);
  }
}
