package dev.warden.bootstrap;

/**
 * Carries the engine from the installer to the {@link Dispatcher}'s static initialiser exactly
 * once. The dispatcher keeps it in a {@code static final} field, which plain reflection cannot
 * overwrite; after the hand-off this class holds nothing.
 */
public final class Handoff {
  private static Sink pending;
  private static boolean taken;

  private Handoff() {}

  public static synchronized void offer(Sink sink) {
    if (taken || pending != null) {
      throw new IllegalStateException("Warden is already installed");
    }
    pending = sink;
  }

  static synchronized Sink take() {
    Sink sink = pending;
    pending = null;
    taken = true;
    return sink;
  }
}
