package dev.warden.benchmarks.jmh;

/**
 * The three ways each operation is measured. Warden reads its configuration from the environment
 * only, so each Warden configuration reaches its forks through a wrapper script that exports it;
 * the fork learns which configuration it is meant to be from a system property, which Warden
 * ignores, and checks that against what it finds.
 */
enum Configuration {
  NONE("no agent", null),
  MONITOR("Warden monitor", "monitor"),
  ENFORCE("Warden enforce", "enforce");

  static final String PROPERTY = "warden.bench.configuration";

  final String label;

  /** {@code WARDEN_MODE} in the forks, null without the agent. */
  final String wardenMode;

  Configuration(String label, String wardenMode) {
    this.label = label;
    this.wardenMode = wardenMode;
  }

  boolean hasAgent() {
    return wardenMode != null;
  }

  /** The configuration the runner started this fork in. */
  static Configuration ofThisFork() {
    String name = System.getProperty(PROPERTY);
    if (name == null) {
      throw new IllegalStateException("-D" + PROPERTY + " is not set; run OperationsBench");
    }
    return valueOf(name);
  }
}
