package dev.warden.bootstrap;

/**
 * Per-thread re-entrancy guard. While a thread is inside the agent's own work (judging an
 * operation, writing an alert, exporting), the operations it performs are not judged again; agent
 * threads are marked once and stay exempt, and threads they start inherit that.
 */
final class Guard {
  private static final Depth DEPTH = new Depth();

  private Guard() {}

  /** Enters the agent's own work; returns false (and enters nothing) if already inside it. */
  static boolean enter() {
    int[] depth = DEPTH.get();
    if (depth[0] != 0) {
      return false;
    }
    depth[0] = 1;
    return true;
  }

  static void exit() {
    DEPTH.get()[0] = 0;
  }

  /** Marks the current thread as the agent's own for good (exporter, writer threads). */
  static void markAgentThread() {
    DEPTH.get()[0] = 1;
  }

  /** A named class rather than an anonymous one: the injector defines every class by name. */
  static final class Depth extends InheritableThreadLocal<int[]> {
    @Override
    protected int[] initialValue() {
      return new int[1];
    }

    @Override
    protected int[] childValue(int[] parent) {
      // A thread started from inside the agent's work belongs to the agent; one started by
      // function code starts clean even if its parent happened to be inside a hook.
      return new int[] {parent[0] > 0 ? 1 : 0};
    }
  }
}
