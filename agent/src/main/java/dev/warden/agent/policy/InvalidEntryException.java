package dev.warden.agent.policy;

/** An entry that cannot be compiled; the policy reader adds the file, line and column. */
final class InvalidEntryException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidEntryException(String problem) {
    super(problem, null, false, false);
  }
}
