package dev.warden.agent.model;

/** The contract's {@code warden.severity}, lowest first. */
public enum Severity {
  LOW("low"),
  MEDIUM("medium"),
  HIGH("high"),
  CRITICAL("critical");

  private final String key;

  Severity(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
