package dev.warden.e2e;

import dev.warden.localruntime.LocalLambdaRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The packaged artefacts under test, and local Lambda functions made of them. */
final class Functions {
  static final String REGION = "eu-central-1";
  static final int MEMORY_MB = 512;

  private Functions() {}

  static Path agentJar() {
    return existing("warden.e2e.agentJar");
  }

  static Path samplesJar() {
    return existing("warden.e2e.samplesJar");
  }

  static Path otelJavaagent() {
    return existing("warden.e2e.otelJavaagent");
  }

  /** The sample functions' jar and their own libraries, as their deployment package has them. */
  static List<Path> sampleClasspath() {
    List<Path> classpath = new ArrayList<>();
    classpath.add(samplesJar());
    classpath.addAll(jarsIn(existing("warden.e2e.samplesLib")));
    return classpath;
  }

  /** handler-wrapper and its run-time libraries (the build copies them). */
  static List<Path> wrapperLibraries() {
    return jarsIn(existing("warden.e2e.wrapperLib"));
  }

  static List<Path> jarsIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "-D" + property + " is not set: run these tests through the module's failsafe set-up");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          property + "=" + path + " does not exist: run 'mvn -B verify' at the root");
    }
    return path;
  }

  /**
   * A sample function with Warden attached through {@code JAVA_TOOL_OPTIONS}, exporting to {@code
   * otlpEndpoint} and logging alerts to {@code alertLog}; {@code extra} variables win.
   */
  static LocalLambdaRuntime.Builder withAgent(
      String functionName,
      String handler,
      String otlpEndpoint,
      Path alertLog,
      Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
    env.put("WARDEN_ALERT_LOG", alertLog.toString());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream(functionName));
    env.putAll(extra);
    return LocalLambdaRuntime.builder()
        .handler(handler)
        .functionName(functionName)
        .region(REGION)
        .memoryMb(MEMORY_MB)
        .classpath(sampleClasspath())
        .javaToolOptions("-javaagent:" + agentJar())
        .environment(env)
        .timeout(Duration.ofSeconds(20));
  }

  /** The log stream name a function is given, which is its {@code faas.instance}. */
  static String logStream(String functionName) {
    return "2026/01/01/[$LATEST]" + Integer.toHexString(functionName.hashCode()) + "e2e";
  }

  /** A test resource under {@code events/}. */
  static String event(String name) {
    try (InputStream in = Functions.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource events/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
