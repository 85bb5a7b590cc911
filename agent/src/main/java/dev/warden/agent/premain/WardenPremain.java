package dev.warden.agent.premain;

import java.lang.instrument.Instrumentation;

/** Placeholder premain; the installer lands next. */
public final class WardenPremain {
  private WardenPremain() {}

  public static void premain(String args, Instrumentation inst) {}
}
