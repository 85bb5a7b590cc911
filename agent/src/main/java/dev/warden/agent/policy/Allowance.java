package dev.warden.agent.policy;

/** How a policy section judges one target. */
public enum Allowance {
  /** The policy has no section about this kind of operation: it neither allows nor denies. */
  NO_SECTION,
  /** The section is present and no entry matches: a violation. */
  DENIED,
  /** Allowed only by a glob, wildcard host, CIDR block or port-less catch-all entry. */
  BROAD,
  /**
   * Allowed by an entry that names exactly this target. Built-in attack rules are silenced only by
   * this, so that a broad entry such as {@code /proc/**} cannot hide a credential read by accident.
   */
  EXACT;

  /** True when an entry matches (broad or exact). */
  public boolean matched() {
    return this == BROAD || this == EXACT;
  }
}
