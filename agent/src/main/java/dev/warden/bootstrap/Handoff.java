package dev.warden.bootstrap;

/**
 * Carries the engine from the installer to the {@link Dispatcher}'s static initialiser exactly
 * once. The dispatcher keeps it in a {@code static final} field, which plain reflection cannot
 * overwrite; after the hand-off this class holds nothing. In the shipped jar these classes are
 * defined into {@code java.lang} of {@code java.base} (see {@code BootstrapInjector}), a package
 * function code cannot open for reflection.
 */
public final class Handoff {
  private static Sink pending;
  private static boolean taken;

  private Handoff() {}

  /**
   * Offers the engine; returns the capability to mark the agent's own threads, which only the
   * single caller that installs the agent ever holds.
   */
  public static synchronized AgentThreads offer(Sink sink) {
    if (taken || pending != null) {
      throw new IllegalStateException("Warden is already installed");
    }
    pending = sink;
    return new AgentThreads();
  }

  static synchronized Sink take() {
    Sink sink = pending;
    pending = null;
    taken = true;
    return sink;
  }
}
