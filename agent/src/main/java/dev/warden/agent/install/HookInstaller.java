package dev.warden.agent.install;

import dev.warden.agent.hooks.HookRegistry;
import dev.warden.bootstrap.AgentThreads;
import dev.warden.bootstrap.Dispatcher;
import dev.warden.bootstrap.Handoff;
import dev.warden.bootstrap.Sink;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** Hands the engine to the dispatcher and weaves the hooks into the JDK. */
final class HookInstaller {
  private HookInstaller() {}

  static void install(Instrumentation instrumentation) throws Exception {
    Sink sink = new DebugSink();
    AgentThreads agentThreads = Handoff.offer(sink);
    Dispatcher.installed();
    JdkClassTransformer transformer =
        new JdkClassTransformer(
            HookRegistry.all(), agentThreads, name -> {}, sink::internalError);
    instrumentation.addTransformer(transformer, true);
    List<Class<?>> alreadyLoaded = new ArrayList<>();
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      if (loaded.getClassLoader() == null && transformer.targets(loaded.getName())) {
        alreadyLoaded.add(loaded);
      }
    }
    instrumentation.retransformClasses(alreadyLoaded.toArray(new Class<?>[0]));
  }
}
