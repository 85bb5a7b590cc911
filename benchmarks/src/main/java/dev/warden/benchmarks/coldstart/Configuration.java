package dev.warden.benchmarks.coldstart;

/** What is attached to the function JVM in one launch, each through JAVA_TOOL_OPTIONS. */
enum Configuration {
  NO_AGENT("none", "no agent"),
  WARDEN_MONITOR("monitor", "Warden monitor"),
  WARDEN_ENFORCE("enforce", "Warden enforce"),
  WARDEN_LEARN("learn", "Warden learn"),
  OTEL_AGENT("otel", "OpenTelemetry agent");

  /** The short name used in options, CSV rows and file names. */
  final String id;

  final String label;

  Configuration(String id, String label) {
    this.id = id;
    this.label = label;
  }

  boolean isWarden() {
    return this == WARDEN_MONITOR || this == WARDEN_ENFORCE || this == WARDEN_LEARN;
  }

  static Configuration byId(String id) {
    for (Configuration configuration : values()) {
      if (configuration.id.equals(id)) {
        return configuration;
      }
    }
    throw new IllegalArgumentException(
        "unknown configuration '" + id + "': none, monitor, enforce, learn or otel");
  }
}
