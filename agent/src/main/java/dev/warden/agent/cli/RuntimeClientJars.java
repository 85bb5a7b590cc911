package dev.warden.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the AWS Lambda runtime interface client (RIC) and the libraries it needs, which this jar
 * does not carry: in {@code --runtime-client DIR}, {@code $WARDEN_RUNTIME_CLIENT}, {@code
 * local-runtime/target/runtime-client/} in the current directory or beside this jar, or the local
 * Maven repository. The versions are the ones local-runtime/pom.xml copies.
 */
final class RuntimeClientJars {
  static final String ENV = "WARDEN_RUNTIME_CLIENT";
  private static final String RIC_PREFIX = "aws-lambda-java-runtime-interface-client";

  /** groupId path, artifactId, version: the RIC 2.10.1 and its run-time dependencies. */
  static final List<String[]> MAVEN_ARTIFACTS =
      List.of(
          new String[] {"com/amazonaws", RIC_PREFIX, "2.10.1"},
          new String[] {"com/amazonaws", "aws-lambda-java-core", "1.4.0"},
          new String[] {"com/amazonaws", "aws-lambda-java-serialization", "1.2.0"},
          new String[] {"software/amazon/awssdk", "utils-lite", "2.34.0"},
          new String[] {"software/amazon/awssdk", "annotations", "2.34.0"});

  private RuntimeClientJars() {}

  static List<Path> locate(Path option, CliEnvironment environment) throws CliFailure {
    if (option != null) {
      return jarsIn(option, "--runtime-client " + option);
    }
    String fromEnv = environment.environment().get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return jarsIn(Path.of(fromEnv), ENV + "=" + fromEnv);
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(environment.workingDirectory().resolve("local-runtime/target/runtime-client"));
    if (environment.agentJar() != null) {
      Path jarDirectory = environment.agentJar().getParent();
      candidates.add(jarDirectory.resolve("runtime-client"));
      // agent/target/warden-agent.jar in a build of the repository
      if (jarDirectory.getParent() != null && jarDirectory.getParent().getParent() != null) {
        candidates.add(
            jarDirectory.getParent().getParent().resolve("local-runtime/target/runtime-client"));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate)) {
        List<Path> jars = listJars(candidate);
        if (jars.stream().anyMatch(RuntimeClientJars::isRuntimeClientJar)) {
          return jars;
        }
      }
    }
    Path repository = environment.userHome().resolve(".m2/repository");
    List<Path> fromMaven = new ArrayList<>();
    for (String[] artifact : MAVEN_ARTIFACTS) {
      Path jar =
          repository
              .resolve(artifact[0])
              .resolve(artifact[1])
              .resolve(artifact[2])
              .resolve(artifact[1] + "-" + artifact[2] + ".jar");
      if (Files.isRegularFile(jar)) {
        fromMaven.add(jar);
      }
    }
    if (fromMaven.size() == MAVEN_ARTIFACTS.size()) {
      return fromMaven;
    }
    throw new CliFailure(
        "cannot find the AWS Lambda runtime interface client's jars, which run the function."
            + " Run from the repository after 'mvn -B package' (it copies them to"
            + " local-runtime/target/runtime-client/), or pass --runtime-client DIR (or set "
            + ENV
            + "=DIR) with a folder holding "
            + RIC_PREFIX
            + "-2.10.1.jar, aws-lambda-java-core-1.4.0.jar,"
            + " aws-lambda-java-serialization-1.2.0.jar, utils-lite-2.34.0.jar and"
            + " annotations-2.34.0.jar (mvn dependency:get"
            + " -Dartifact=com.amazonaws:"
            + RIC_PREFIX
            + ":2.10.1 puts them in ~/.m2/repository, where they are found too)");
  }

  private static List<Path> jarsIn(Path directory, String origin) throws CliFailure {
    if (!Files.isDirectory(directory)) {
      throw new CliFailure(origin + ": not a directory");
    }
    List<Path> jars = listJars(directory);
    if (jars.stream().noneMatch(RuntimeClientJars::isRuntimeClientJar)) {
      throw new CliFailure(
          origin
              + ": holds no "
              + RIC_PREFIX
              + "-*.jar (build local-runtime: it copies the jars to"
              + " local-runtime/target/runtime-client/)");
    }
    return jars;
  }

  private static List<Path> listJars(Path directory) throws CliFailure {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .map(Path::toAbsolutePath)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CliFailure("cannot list " + directory + ": " + e.getMessage());
    }
  }

  private static boolean isRuntimeClientJar(Path jar) {
    return jar.getFileName().toString().startsWith(RIC_PREFIX);
  }
}
