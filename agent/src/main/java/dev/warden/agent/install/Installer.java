package dev.warden.agent.install;

import java.lang.instrument.Instrumentation;

/**
 * Installs the agent once, from premain, before any function code runs: first the bootstrap part
 * into {@code java.base}, then (in a class that may refer to it) the engine and the hooks.
 */
public final class Installer {
  private Installer() {}

  /**
   * @param premainStartNanos {@code System.nanoTime()} when premain began, for the start-up
   *     timeline that {@code WARDEN_DEBUG=true} prints
   */
  public static void install(Instrumentation instrumentation, long premainStartNanos)
      throws Exception {
    StartupTimeline timeline = new StartupTimeline(premainStartNanos);
    timeline.mark("agent class loader");
    BootstrapInjector.inject(instrumentation);
    timeline.mark("bootstrap part defined into java.base");
    HookInstaller.install(instrumentation, timeline);
    timeline.mark("installed");
    timeline.report();
  }
}
