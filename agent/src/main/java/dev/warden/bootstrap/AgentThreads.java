package dev.warden.bootstrap;

/**
 * The agent's handle on the re-entrancy guard. Only the installer gets one (from {@link
 * Handoff#offer}), so function code cannot exempt its own threads from judgement.
 */
public final class AgentThreads {
  AgentThreads() {}

  /** Marks the current thread as the agent's own for good (exporter, writer, shutdown work). */
  public void markCurrentThread() {
    Guard.markAgentThread();
  }

  /** Runs agent work on the current thread without judging what it does. */
  public void runAsAgent(Runnable work) {
    boolean entered = Guard.enter();
    try {
      work.run();
    } finally {
      if (entered) {
        Guard.exit();
      }
    }
  }

  /** Enters agent work on this thread; false (and nothing entered) if already inside it. */
  public boolean enter() {
    return Guard.enter();
  }

  public void exit() {
    Guard.exit();
  }
}
