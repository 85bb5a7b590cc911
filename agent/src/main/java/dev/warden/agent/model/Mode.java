package dev.warden.agent.model;

import java.util.Locale;

/** {@code WARDEN_MODE} and the policy's {@code mode}. */
public enum Mode {
  /** Report, never change behaviour (the default). */
  MONITOR,
  /** Block violations with a {@link SecurityException} before they take effect. */
  ENFORCE,
  /** Record every distinct operation and write the policy that allows them; never block. */
  LEARN;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code monitor|enforce|learn} (any case, surrounding blanks ignored); null if not one.
   */
  public static Mode parse(String text) {
    if (text == null) {
      return null;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "monitor":
        return MONITOR;
      case "enforce":
        return ENFORCE;
      case "learn":
        return LEARN;
      default:
        return null;
    }
  }
}
