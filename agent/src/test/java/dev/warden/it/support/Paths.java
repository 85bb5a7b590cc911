package dev.warden.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the packaged agent and the compiled test classes are (set by failsafe in agent/pom.xml).
 */
public final class Paths {
  private Paths() {}

  public static Path agentJar() {
    Path jar = fromProperty("warden.agent.jar", "target/warden-agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "Agent jar not found at " + jar + ": run `mvn -pl agent -am verify` (it packages first)");
    }
    return jar;
  }

  public static Path testClasses() {
    return fromProperty("warden.test.classes", "target/test-classes");
  }

  private static Path fromProperty(String name, String fallback) {
    String value = System.getProperty(name);
    return Path.of(value == null || value.isBlank() ? fallback : value).toAbsolutePath();
  }
}
