package dev.warden.agent.model;

/** The contract's {@code warden.action}: what Warden did about the operation. */
public enum Action {
  ALERTED("alerted"),
  BLOCKED("blocked");

  private final String key;

  Action(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
