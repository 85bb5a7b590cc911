package dev.warden.agent.model;

/** What kind of resource an operation touches: the contract's {@code warden.category}. */
public enum Category {
  PROCESS("process"),
  FILE("file"),
  NETWORK("network"),
  DNS("dns"),
  LIBRARY("library");

  private final String key;

  Category(String key) {
    this.key = key;
  }

  /** The value written in alerts. */
  public String key() {
    return key;
  }
}
