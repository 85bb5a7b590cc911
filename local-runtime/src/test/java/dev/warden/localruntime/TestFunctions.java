package dev.warden.localruntime;

import dev.warden.localruntime.functions.ContextReportingHandler;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test functions' class path and a runtime builder for them. */
final class TestFunctions {
  private TestFunctions() {}

  static Path classes() {
    try {
      return Path.of(
          ContextReportingHandler.class
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static LocalLambdaRuntime.Builder runtime(Class<?> handler, String method) {
    return LocalLambdaRuntime.builder()
        .handler(method == null ? handler.getName() : handler.getName() + "::" + method)
        .classpath(List.of(classes()))
        .timeout(Duration.ofSeconds(20));
  }

  /** The ContextReportingHandler's {@code key=value} lines. */
  static Map<String, String> report(InvocationResult result) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : ((String) Json.parse(result.response())).split("\n")) {
      int eq = line.indexOf('=');
      fields.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return fields;
  }
}
