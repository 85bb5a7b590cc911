package dev.warden.agent.premain;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.nio.file.Path;

/**
 * The agent's entry point ({@code Premain-Class}), loaded by the application class loader. It loads
 * the rest of the agent in a class loader of its own (so function code sharing the application
 * loader gets no reflective access to the agent's state) and hands off to the installer.
 */
public final class WardenPremain {
  private WardenPremain() {}

  public static void premain(String args, Instrumentation instrumentation) throws Exception {
    long start = System.nanoTime();
    URL agentJar = WardenPremain.class.getProtectionDomain().getCodeSource().getLocation();
    AgentClassLoader agentLoader =
        new AgentClassLoader(agentJar, Path.of(agentJar.toURI()).toString());
    agentLoader.preloadInBackground();
    Class.forName("dev.warden.agent.install.Installer", true, agentLoader)
        .getMethod("install", Instrumentation.class, long.class)
        .invoke(null, instrumentation, start);
  }
}
