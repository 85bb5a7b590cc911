package dev.warden.agent.rules;

/** How a rule meets the policy. */
public enum RuleKind {
  /** "This is unusual": any policy entry that allows the target silences it. */
  UNUSUAL,
  /**
   * "This is an attack": holds even when a broad glob of the policy covers the target; only an
   * entry naming exactly that target silences it.
   */
  ATTACK
}
