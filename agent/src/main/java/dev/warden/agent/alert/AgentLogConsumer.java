package dev.warden.agent.alert;

import java.util.function.Consumer;

/**
 * {@link AgentLog}'s levels for the APIs that take a {@code Consumer<String>}, in place of {@code
 * AgentLog::warn}: a method reference costs a generated class at its first use, in the cold start.
 */
public final class AgentLogConsumer implements Consumer<String> {
  public static final Consumer<String> WARN = new AgentLogConsumer(true);
  public static final Consumer<String> INFO = new AgentLogConsumer(false);

  private final boolean warning;

  private AgentLogConsumer(boolean warning) {
    this.warning = warning;
  }

  @Override
  public void accept(String message) {
    if (warning) {
      AgentLog.warn(message);
    } else {
      AgentLog.info(message);
    }
  }
}
