package dev.warden.agent.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;

/**
 * What the tool reads from the world it runs in, gathered once so that tests can give their own.
 *
 * @param environment the process environment
 * @param workingDirectory the current directory
 * @param userHome the user's home (for {@code ~/.m2/repository})
 * @param agentJar this jar, or null when the classes do not run from a jar (tests, IDE)
 */
record CliEnvironment(
    Map<String, String> environment, Path workingDirectory, Path userHome, Path agentJar) {

  static CliEnvironment current() {
    return new CliEnvironment(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home", ".")),
        ownJar());
  }

  private static Path ownJar() {
    CodeSource source = CliEnvironment.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
      return Files.isRegularFile(location) ? location : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** This jar, for {@code -javaagent:}; a clear failure when running from classes. */
  Path requireAgentJar() throws CliFailure {
    if (agentJar == null) {
      throw new CliFailure(
          "this command attaches the agent, so it must run from the packaged jar: "
              + "java -jar agent/target/warden-agent.jar ...");
    }
    return agentJar;
  }
}
