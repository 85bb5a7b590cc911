package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.ClassLoadLog;
import dev.warden.it.support.Paths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of classes the agent's class loader loads ahead of premain (for its start-up time) is
 * the list premain really loads: after a Byte Buddy upgrade or a change to the weaving it must be
 * regenerated with {@code scripts/update-premain-classes.sh}, or the head start quietly shrinks.
 */
class PremainClassListIT {
  private static final String LIST = "dev/warden/agent/premain/premain-classes.txt";
  private static final String MARKER = "dev.warden.it.workload.PremainOnly";

  @TempDir Path tempDir;

  @Test
  void theListCoversWhatPremainLoads() throws Exception {
    Set<String> listed = new HashSet<>(listedClasses());
    assertTrue(listed.size() > 100, "the list is missing or nearly empty: " + listed.size());

    List<String> loadedByPremain = agentClassesLoadedBeforeMain();
    assertTrue(loadedByPremain.size() > 100, "premain loaded too few classes: " + loadedByPremain);
    List<String> missing = new ArrayList<>();
    for (String name : loadedByPremain) {
      if (!listed.contains(name) && !name.startsWith("dev.warden.agent.premain.")) {
        missing.add(name);
      }
    }
    assertTrue(
        missing.size() * 20 <= loadedByPremain.size(),
        missing.size()
            + " of the "
            + loadedByPremain.size()
            + " classes premain loads are not in "
            + LIST
            + "; run scripts/update-premain-classes.sh. Missing: "
            + missing);
  }

  private static List<String> listedClasses() throws IOException {
    try (JarFile jar = new JarFile(Paths.agentJar().toFile())) {
      if (jar.getEntry(LIST) == null) {
        return List.of();
      }
      try (InputStream in = jar.getInputStream(jar.getEntry(LIST))) {
        return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      }
    }
  }

  /** The agent jar's classes in the class-load log before the main class loaded, JDK 17. */
  private List<String> agentClassesLoadedBeforeMain() throws Exception {
    List<String> loaded = new ArrayList<>();
    for (ClassLoadLog.Loaded entry : ClassLoadLog.run(tempDir, MARKER).beforeMain()) {
      if (entry.line().contains("warden-agent.jar")) {
        loaded.add(entry.name());
      }
    }
    return loaded;
  }
}
