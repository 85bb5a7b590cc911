package dev.warden.benchmarks.coldstart;

/** What is attached to the function JVM in one launch, each through JAVA_TOOL_OPTIONS. */
enum Configuration {
  NO_AGENT("none", "no agent"),
  /** A premain that does nothing: what the JVM itself charges for -javaagent. */
  EMPTY_AGENT("empty", "empty agent (JVM's -javaagent floor)"),
  /** One trivial advice woven with Byte Buddy into the JDK methods Warden hooks. */
  BYTE_BUDDY_FLOOR("floor", "bare Byte Buddy agent (weaving floor)"),
  /**
   * Issue 5's "bare Byte Buddy agent written the obvious way": an AgentBuilder advising ten JDK
   * choke points. The cold-start target is a third of its cost.
   */
  BYTE_BUDDY_BUILDER("builder", "Byte Buddy agent, the obvious way (AgentBuilder)"),
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

  /** The reference agents, which show the floor of any Java agent: they export nothing. */
  boolean isReference() {
    return this == EMPTY_AGENT || this == BYTE_BUDDY_FLOOR || this == BYTE_BUDDY_BUILDER;
  }

  /**
   * Whether its agent prints its premain timeline when asked (WARDEN_DEBUG, FLOOR_AGENT_DEBUG,
   * BUILDER_AGENT_DEBUG), which the uncounted launches do.
   */
  boolean tellsItsPremain() {
    return isWarden() || this == BYTE_BUDDY_FLOOR || this == BYTE_BUDDY_BUILDER;
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
        "unknown configuration '"
            + id
            + "': none, empty, floor, builder, monitor, enforce, learn or otel");
  }
}
