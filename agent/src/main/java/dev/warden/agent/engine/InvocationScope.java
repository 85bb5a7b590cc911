package dev.warden.agent.engine;

/**
 * The Lambda invocation in progress, if any. Lambda runs one invocation at a time per environment,
 * so one value serves every thread the handler uses. The handler wrapping sets it.
 */
public final class InvocationScope {
  private static volatile String current;

  private InvocationScope() {}

  public static void begin(String invocationId) {
    current = invocationId;
  }

  public static void end() {
    current = null;
  }

  /** The request id of the invocation in progress, or null outside one. */
  public static String currentId() {
    return current;
  }
}
