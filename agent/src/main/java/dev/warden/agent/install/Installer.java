package dev.warden.agent.install;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.utility.dispatcher.JavaDispatcher;

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
    // Byte Buddy reaches the reflection API of newer JDKs through dispatchers, by default JDK
    // proxies invoked reflectively: at start-up each costs a generated proxy class and, on JDK 18
    // and later (reflection through method handles), method handle forms per signature. Generated
    // as plain classes instead, profiled over 10 launches each: 4-7% less CPU to the first
    // response on JDK 17 and 25, mostly the JIT compiling less of the JDK's class generators.
    // Read once, by the first Byte Buddy class that needs a dispatcher (below, in premain); the
    // name is relocated with Byte Buddy, so the function's own Byte Buddy is unaffected.
    System.setProperty(JavaDispatcher.GENERATE_PROPERTY, "true");
    try {
      BootstrapInjector.inject(instrumentation);
      timeline.mark("bootstrap part defined into java.base");
      HookInstaller.install(instrumentation, timeline);
    } finally {
      System.clearProperty(JavaDispatcher.GENERATE_PROPERTY);
    }
    timeline.mark("installed");
    timeline.report();
  }
}
