package dev.warden.agent.install;

import dev.warden.agent.alert.AgentLog;

/** Where premain's time goes, printed as one line with {@code WARDEN_DEBUG=true}. */
final class StartupTimeline {
  private final long start;
  private final StringBuilder phases = new StringBuilder();
  private long last;

  StartupTimeline(long startNanos) {
    this.start = startNanos;
    this.last = startNanos;
  }

  void mark(String phase) {
    if (!AgentLog.debugEnabled()) {
      return;
    }
    long now = System.nanoTime();
    phases.append(phases.length() == 0 ? "" : ", ").append(phase).append(' ');
    phases.append((now - last) / 1_000_000).append(" ms");
    last = now;
  }

  void report() {
    if (!AgentLog.debugEnabled()) {
      return;
    }
    AgentLog.info("start-up " + (last - start) / 1_000_000 + " ms in premain: " + phases);
  }
}
