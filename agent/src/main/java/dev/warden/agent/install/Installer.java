package dev.warden.agent.install;

import java.lang.instrument.Instrumentation;

/**
 * Installs the agent once, from premain, before any function code runs: first the bootstrap part
 * into {@code java.base}, then (in a class that may refer to it) the engine and the hooks.
 */
public final class Installer {
  private Installer() {}

  public static void install(Instrumentation instrumentation) throws Exception {
    BootstrapInjector.inject(instrumentation);
    HookInstaller.install(instrumentation);
  }
}
