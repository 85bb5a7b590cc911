package dev.warden.benchmarks.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The built jars the bench launches, found under the repository root. */
record Artifacts(
    Path wardenAgent,
    Path otelAgent,
    Path emptyAgent,
    Path floorAgent,
    Path builderAgent,
    List<Path> functionClasspath,
    List<Path> runtimeClientClasspath,
    Path eventsDirectory) {

  private static final String BUILD = "build them with 'mvn -B -q install -DskipTests'";

  static Artifacts under(Path repository) {
    Path agent = existing(repository.resolve("agent/target/warden-agent.jar"));
    Path otel = existing(repository.resolve("benchmarks/target/bench/opentelemetry-javaagent.jar"));
    Path empty = existing(repository.resolve("benchmarks/target/bench/empty-agent.jar"));
    Path floor = existing(repository.resolve("benchmarks/target/bench/floor-agent.jar"));
    Path builder = existing(repository.resolve("benchmarks/target/bench/builder-agent.jar"));
    Path samplesTarget = existing(repository.resolve("sample-functions/target"));
    List<Path> functionClasspath = new ArrayList<>();
    functionClasspath.add(
        jarsIn(samplesTarget).stream()
            .filter(p -> p.getFileName().toString().startsWith("warden-sample-functions-"))
            .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no warden-sample-functions-*.jar in " + samplesTarget + ": " + BUILD)));
    // The function's own libraries, as its deployment package carries them.
    functionClasspath.addAll(jarsIn(existing(samplesTarget.resolve("lib"))));
    List<Path> runtimeClient =
        jarsIn(existing(repository.resolve("local-runtime/target/runtime-client")));
    Path events = existing(repository.resolve("sample-functions/src/main/resources/events"));
    return new Artifacts(
        agent, otel, empty, floor, builder, List.copyOf(functionClasspath), runtimeClient, events);
  }

  String event(SampleFunction function) {
    if (function.eventResource == null) {
      return SampleFunction.INLINE_EVENT;
    }
    try {
      return Files.readString(eventsDirectory.resolve(function.eventResource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(path + " is missing: " + BUILD);
    }
    return path;
  }

  private static List<Path> jarsIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
