package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.Paths;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda layer: unpacked as Lambda does (under a directory standing in for /opt), it holds
 * warden/warden-agent.jar and an executable warden-handler that adds the agent to
 * JAVA_TOOL_OPTIONS, keeps what was there, and runs the runtime's command unchanged.
 */
class LayerIT {
  @TempDir Path opt;

  private static Path layerZip() {
    return Paths.agentJar().resolveSibling("warden-layer.zip");
  }

  @Test
  void zipHoldsTheAgentAndAnExecutableWrapper() throws IOException {
    try (FileSystem zip =
        FileSystems.newFileSystem(
            URI.create("jar:" + layerZip().toUri()), Map.of("enablePosixFileAttributes", "true"))) {
      List<String> entries;
      try (Stream<Path> walk = Files.walk(zip.getPath("/"))) {
        entries =
            walk.filter(Files::isRegularFile)
                .map(Path::toString)
                .sorted()
                .collect(Collectors.toList());
      }
      assertEquals(List.of("/warden-handler", "/warden/warden-agent.jar"), entries);
      Set<PosixFilePermission> wrapper =
          Files.getPosixFilePermissions(zip.getPath("/warden-handler"));
      assertTrue(wrapper.contains(PosixFilePermission.OWNER_EXECUTE), wrapper.toString());
      assertTrue(wrapper.contains(PosixFilePermission.OTHERS_EXECUTE), wrapper.toString());
      assertEquals(
          Files.size(Paths.agentJar()), Files.size(zip.getPath("/warden/warden-agent.jar")));
    }
  }

  @Test
  void wrapperAddsTheAgentKeepsExistingOptionsAndRunsTheCommand() throws Exception {
    unpack();
    Path wrapper = opt.resolve("warden-handler");
    String agentOption = "-javaagent:" + opt.toRealPath().resolve("warden/warden-agent.jar");

    String once =
        run(wrapper, "-Xmx256m -XX:+UseSerialGC", "sh", "-c", "echo \"$JAVA_TOOL_OPTIONS\"");
    assertEquals("-Xmx256m -XX:+UseSerialGC " + agentOption, once.strip());

    String empty = run(wrapper, null, "sh", "-c", "echo \"$JAVA_TOOL_OPTIONS\"");
    assertEquals(agentOption, empty.strip());

    // Chained wrappers or a retried start must not add the agent twice.
    String twice = run(wrapper, "-Xss1m " + agentOption, "sh", "-c", "echo \"$JAVA_TOOL_OPTIONS\"");
    assertEquals("-Xss1m " + agentOption, twice.strip());

    String arguments = run(wrapper, null, "printf", "%s|", "a b", "c");
    assertEquals("a b|c|", arguments);
  }

  @Test
  void aJvmStartedThroughTheWrapperRunsWithTheAgent() throws Exception {
    unpack();
    Path alerts = opt.resolve("alerts.log");
    ProcessBuilder builder =
        new ProcessBuilder(
            opt.resolve("warden-handler").toString(),
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            Paths.testClasses().toString(),
            "dev.warden.it.workload.Workload",
            "FileInputStream",
            "/proc/self/environ");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().put("WARDEN_ALERT_LOG", alerts.toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertTrue(output.contains("Picked up JAVA_TOOL_OPTIONS"), output);
    String log = Files.readString(alerts);
    assertTrue(log.contains("\"warden.rule\":\"file.secret-read\""), output + log);
  }

  /** Unpacks as Lambda does, keeping each entry's permissions. */
  private void unpack() throws Exception {
    try (FileSystem zip =
            FileSystems.newFileSystem(
                URI.create("jar:" + layerZip().toUri()),
                Map.of("enablePosixFileAttributes", "true"));
        Stream<Path> walk = Files.walk(zip.getPath("/"))) {
      for (Path entry : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        Path target = opt.resolve(entry.toString().substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(entry, target);
        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(entry));
      }
    }
  }

  private static String run(Path wrapper, String javaToolOptions, String... command)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(wrapper.toString());
    builder.command().addAll(List.of(command));
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    if (javaToolOptions != null) {
      builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
    }
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
