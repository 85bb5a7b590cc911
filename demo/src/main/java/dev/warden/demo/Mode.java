package dev.warden.demo;

/**
 * How the demo runs a function: the three {@code WARDEN_MODE}s, enforce with the learned policy.
 */
enum Mode {
  MONITOR,
  LEARN,
  ENFORCE;

  String wardenMode() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
