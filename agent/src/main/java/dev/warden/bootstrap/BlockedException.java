package dev.warden.bootstrap;

/**
 * Thrown (as {@code java.lang.WardenBlockedException} in the shipped jar) from an intercepted JDK
 * call that enforce mode blocked, before the operation takes effect. Its message names the rule and
 * the target.
 */
public final class BlockedException extends SecurityException {
  private static final long serialVersionUID = 1L;

  private final String rule;

  public BlockedException(String rule, String message) {
    super(message);
    this.rule = rule;
  }

  /** The id of the rule that blocked the operation, e.g. {@code file.secret-read}. */
  public String rule() {
    return rule;
  }
}
