package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.ClassLoadLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    ClassLoadLog run = ClassLoadLog.run(tempDir, MAIN, PROPERTY);
    assertTrue(
        run.output().contains("PROPERTY " + PROPERTY + "=null"),
        "the function sees the switch: " + run.output());

    List<String> proxies = new ArrayList<>();
    List<String> generated = new ArrayList<>();
    for (ClassLoadLog.Loaded loaded : run.beforeMain()) {
      if (loaded.name().startsWith("dev.warden.agent.shaded.bytebuddy.")) {
        if (loaded.line().contains("__dynamic_proxy__")) {
          proxies.add(loaded.name());
        } else if (loaded.name().endsWith("$Proxy")) {
          generated.add(loaded.name());
        }
      }
    }
    assertEquals(List.of(), proxies, "Byte Buddy dispatchers made as JDK proxies");
    assertTrue(generated.size() > 2, "no generated dispatcher loaded: " + generated);
  }
}
