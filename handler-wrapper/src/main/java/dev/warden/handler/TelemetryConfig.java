package dev.warden.handler;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Reads the standard {@code OTEL_*} variables (and Lambda's own) from a map, without the SDK's
 * autoconfiguration module and its service loading. Bad values are reported through {@code
 * warnings} and replaced by the default; nothing here throws on user input.
 */
final class TelemetryConfig {
  static final String DEFAULT_ENDPOINT = "http://localhost:4318";
  static final String TRACES_PATH = "/v1/traces";

  /**
   * Default export timeout (connect + request), and so the longest an invocation waits for its
   * spans to leave. Deliberately far below the specification's 10 s: in Lambda the collector is a
   * local extension, and every millisecond waited is billed and added to the response latency.
   */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1000);

  /**
   * Default least time between two exports of spans of invocations without alerts: the
   * specification's default for a batch span processor. Spans of invocations with alerts never
   * wait.
   */
  static final Duration DEFAULT_SCHEDULE_DELAY = Duration.ofMillis(5000);

  /**
   * Default largest batch of spans of invocations without alerts; the specification's default is
   * 512. A batch's spans, and the invocations held back for it, live until it is sent: with
   * Lambda's serial collector and a function's small young generation, 512 of them outlive young
   * collections and are promoted. JDK 25's serial collector then grows the old generation rather
   * than collect it while it can, and a busy function's heap grew by about 2 KB per invocation
   * without end (215 MB after 100,000 invocations at 512 MB; JDK 17's collected it, at 19 MB). 64
   * of them die young: 8 MB after 100,000 invocations.
   */
  static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 64;

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final Map<String, String> env;
  private final Consumer<String> warnings;
  private final ThreadFactory exportThreads;

  TelemetryConfig(Map<String, String> env, Consumer<String> warnings, ThreadFactory exportThreads) {
    this.exportThreads = exportThreads;
    this.env = env == null ? Collections.emptyMap() : env;
    this.warnings = warnings;
  }

  private String get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private String get(String specific, String generic) {
    String v = get(specific);
    return v != null ? v : get(generic);
  }

  /**
   * {@code OTEL_EXPORTER_OTLP[_TRACES]_TIMEOUT} in milliseconds, default {@link #DEFAULT_TIMEOUT}.
   */
  Duration timeout() {
    String name =
        get("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT") != null
            ? "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"
            : "OTEL_EXPORTER_OTLP_TIMEOUT";
    String v = get(name);
    if (v == null) {
      return DEFAULT_TIMEOUT;
    }
    try {
      long ms = Long.parseLong(v);
      if (ms > 0) {
        return Duration.ofMillis(ms);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    warnings.accept(
        name + "=" + v + " is not a positive number of milliseconds; using " + DEFAULT_TIMEOUT);
    return DEFAULT_TIMEOUT;
  }

  /**
   * {@code OTEL_BSP_SCHEDULE_DELAY} in milliseconds, default {@link #DEFAULT_SCHEDULE_DELAY}: the
   * least time between two exports of spans of invocations without alerts (0: every invocation's
   * spans leave before the runtime asks for the next event).
   */
  Duration scheduleDelay() {
    long ms = wholeNumber("OTEL_BSP_SCHEDULE_DELAY", DEFAULT_SCHEDULE_DELAY.toMillis(), 0);
    return Duration.ofMillis(ms);
  }

  /**
   * {@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE}, default {@link #DEFAULT_MAX_EXPORT_BATCH_SIZE}: spans
   * of invocations without alerts are exported at the latest once this many wait.
   */
  int maxExportBatchSize() {
    return (int) wholeNumber("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", DEFAULT_MAX_EXPORT_BATCH_SIZE, 1);
  }

  /** A whole number of at least {@code least} (and at most {@code Integer.MAX_VALUE}). */
  private long wholeNumber(String name, long defaultValue, long least) {
    String v = get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= least && n <= Integer.MAX_VALUE) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    warnings.accept(
        name + "=" + v + " is not a whole number of at least " + least + "; using " + defaultValue);
    return defaultValue;
  }

  /** The exporter names of {@code OTEL_TRACES_EXPORTER}; empty for {@code none}. */
  List<String> exporterNames() {
    if ("true".equalsIgnoreCase(get("OTEL_SDK_DISABLED"))) {
      return List.of();
    }
    String v = get("OTEL_TRACES_EXPORTER");
    if (v == null) {
      return List.of("otlp");
    }
    List<String> names = new ArrayList<>();
    for (String part : v.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.equals("none")) {
        return List.of();
      }
      if (name.equals("otlp") || name.equals("console") || name.equals("logging-otlp")) {
        if (!names.contains(name)) {
          names.add(name);
        }
      } else if (name.equals("logging")) {
        names.add("console"); // the old name of console
      } else if (!name.isEmpty()) {
        warnings.accept(
            "OTEL_TRACES_EXPORTER: unknown exporter '"
                + name
                + "' ignored (supported: otlp, logging-otlp, console, none)");
      }
    }
    return names;
  }

  /** A new exporter from the variables: called at start and again after a SnapStart restore. */
  SpanExporter newExporter() {
    List<SpanExporter> exporters = new ArrayList<>();
    for (String name : exporterNames()) {
      switch (name) {
        case "otlp" -> exporters.add(newOtlpExporter());
        case "console" -> exporters.add(LoggingSpanExporter.create());
        case "logging-otlp" -> exporters.add(new OtlpJsonLineSpanExporter(System.out));
        default -> {}
      }
    }
    if (exporters.isEmpty()) {
      return SpanExporter.composite(); // a no-op exporter
    }
    return exporters.size() == 1 ? exporters.get(0) : SpanExporter.composite(exporters);
  }

  /** The traces endpoint: the specific variable as is, or the generic one plus /v1/traces. */
  String tracesEndpoint() {
    String specific = get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    String endpoint;
    String from;
    if (specific != null) {
      endpoint = specific;
      from = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    } else {
      String generic = get("OTEL_EXPORTER_OTLP_ENDPOINT");
      from = "OTEL_EXPORTER_OTLP_ENDPOINT";
      String base = generic == null ? DEFAULT_ENDPOINT : generic;
      endpoint = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TRACES_PATH;
    }
    String protocol = get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
    if (protocol != null && !protocol.equalsIgnoreCase("http/protobuf")) {
      // Only http/protobuf is built in: a gRPC sender would bring OkHttp (or gRPC) and Kotlin.
      // The Lambda collector extensions listen on both 4317 (gRPC) and 4318 (HTTP).
      String rewritten = endpoint.replaceFirst("^(https?://[^/]+):4317(/|$)", "$1:4318$2");
      warnings.accept(
          "OTEL_EXPORTER_OTLP_PROTOCOL="
              + protocol
              + " is not supported; exporting OTLP over http/protobuf to "
              + rewritten);
      endpoint = rewritten;
    }
    try {
      URI uri = new URI(endpoint);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (Exception e) {
      String fallback = DEFAULT_ENDPOINT + TRACES_PATH;
      warnings.accept(from + "=" + endpoint + " is not a valid http(s) URL; using " + fallback);
      endpoint = fallback;
    }
    return endpoint;
  }

  Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : List.of("OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS")) {
      String v = get(name);
      if (v != null) {
        headers.putAll(keyValues(v, name));
      }
    }
    return headers;
  }

  /**
   * The exporters of {@code OTEL_TRACES_EXPORTER} with their OTLP encoding but nothing sent or
   * printed, for the rehearsal of the export path during init.
   */
  SpanExporter newRehearsalExporter() {
    return exporterNames().contains("otlp")
        ? newOtlpExporter(new SenderOnly(new RehearsalHttpSender.Provider()))
        : SpanExporter.composite();
  }

  private SpanExporter newOtlpExporter() {
    return newOtlpExporter(new SenderOnly(new SocketHttpSender.Provider(exportThreads)));
  }

  private SpanExporter newOtlpExporter(ComponentLoader senders) {
    Duration timeout = timeout();
    OtlpHttpSpanExporterBuilder builder =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(tracesEndpoint())
            .setTimeout(timeout)
            .setConnectTimeout(timeout)
            // no retries: a retry would outlive the invocation's flush bound anyway
            .setRetryPolicy(null)
            // never GlobalOpenTelemetry (its default): the function or another agent may own it
            .setMeterProvider(MeterProvider::noop)
            // our socket sender (see SocketHttpSender), no ServiceLoader scan
            .setComponentLoader(senders);
    String compression =
        get("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION");
    if (compression != null) {
      if (compression.equals("gzip") || compression.equals("none")) {
        builder.setCompression(compression);
      } else {
        warnings.accept("OTEL_EXPORTER_OTLP_COMPRESSION=" + compression + " ignored (gzip|none)");
      }
    }
    headers().forEach(builder::addHeader);
    return builder.build();
  }

  /** {@code OTEL_TRACES_SAMPLER} and {@code OTEL_TRACES_SAMPLER_ARG}. */
  Sampler sampler() {
    String name = get("OTEL_TRACES_SAMPLER");
    String arg = get("OTEL_TRACES_SAMPLER_ARG");
    if (name == null) {
      return Sampler.parentBased(Sampler.alwaysOn());
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "always_on":
        return Sampler.alwaysOn();
      case "always_off":
        return Sampler.alwaysOff();
      case "traceidratio":
        return Sampler.traceIdRatioBased(ratio(arg));
      case "parentbased_always_on":
        return Sampler.parentBased(Sampler.alwaysOn());
      case "parentbased_always_off":
        return Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio":
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio(arg)));
      default:
        warnings.accept(
            "OTEL_TRACES_SAMPLER="
                + name
                + " is not supported here; using parentbased_always_on (alerts are exported"
                + " whatever the sampler decides)");
        return Sampler.parentBased(Sampler.alwaysOn());
    }
  }

  private double ratio(String arg) {
    if (arg == null) {
      return 1.0;
    }
    try {
      double r = Double.parseDouble(arg);
      if (r >= 0 && r <= 1) {
        return r;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    warnings.accept("OTEL_TRACES_SAMPLER_ARG=" + arg + " is not a ratio in [0, 1]; using 1.0");
    return 1.0;
  }

  /**
   * The resource: the SDK's {@code telemetry.sdk.*}, the Lambda environment's {@code cloud.*} and
   * {@code faas.*}, {@code OTEL_RESOURCE_ATTRIBUTES}, then {@code service.name} from {@code
   * OTEL_SERVICE_NAME}, else the resource attributes, else the function name.
   */
  Resource resource() {
    AttributesBuilder a = Attributes.builder();
    a.put("cloud.provider", "aws");
    a.put("cloud.platform", "aws_lambda");
    putIfPresent(a, "cloud.region", get("AWS_REGION"));
    String functionName = get("AWS_LAMBDA_FUNCTION_NAME");
    putIfPresent(a, "faas.name", functionName);
    putIfPresent(a, "faas.version", get("AWS_LAMBDA_FUNCTION_VERSION"));
    putIfPresent(a, "faas.instance", get("AWS_LAMBDA_LOG_STREAM_NAME"));
    String memory = get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
    if (memory != null) {
      try {
        a.put("faas.max_memory", Long.parseLong(memory) * 1024L * 1024L); // MiB -> bytes
      } catch (NumberFormatException e) {
        warnings.accept("AWS_LAMBDA_FUNCTION_MEMORY_SIZE=" + memory + " is not a number");
      }
    }
    String resourceAttributes = get("OTEL_RESOURCE_ATTRIBUTES");
    if (resourceAttributes != null) {
      keyValues(resourceAttributes, "OTEL_RESOURCE_ATTRIBUTES").forEach(a::put);
    }
    Attributes built = a.build();
    String serviceName = get("OTEL_SERVICE_NAME");
    if (serviceName == null) {
      serviceName = built.get(SERVICE_NAME);
    }
    if (serviceName == null) {
      serviceName = functionName != null ? functionName : "unknown_service:java";
    }
    return Resource.getDefault()
        .merge(Resource.create(built))
        .merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName)));
  }

  /** {@code k1=v1,k2=v2}, values percent-decoded as the specification says. */
  private Map<String, String> keyValues(String value, String variable) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        warnings.accept(variable + ": '" + pair.trim() + "' is not key=value; ignored");
        continue;
      }
      String key = pair.substring(0, eq).trim();
      String v = pair.substring(eq + 1).trim();
      try {
        v = URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        warnings.accept(variable + ": bad percent-encoding in the value of '" + key + "'");
      }
      out.put(key, v);
    }
    return out;
  }

  private static void putIfPresent(AttributesBuilder a, String key, String value) {
    if (value != null) {
      a.put(key, value);
    }
  }

  /** One variable, trimmed; null when unset or blank. */
  String value(String name) {
    return get(name);
  }

  /** Hands the OTLP exporter its sender directly, so no {@code ServiceLoader} scan runs. */
  private record SenderOnly(HttpSenderProvider sender) implements ComponentLoader {
    @Override
    @SuppressWarnings("unchecked")
    public <T> Iterable<T> load(Class<T> spiClass) {
      if (spiClass == HttpSenderProvider.class) {
        return (Iterable<T>) List.of(sender);
      }
      return List.of();
    }
  }
}
