package dev.warden.agent.install;

import dev.warden.agent.config.WardenConfig;
import dev.warden.agent.engine.Engine;
import dev.warden.agent.hooks.HookRegistry;
import dev.warden.bootstrap.AgentThreads;
import dev.warden.bootstrap.Dispatcher;
import dev.warden.bootstrap.Handoff;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** Builds the engine, hands it to the dispatcher and weaves the hooks into the JDK. */
final class HookInstaller {
  private HookInstaller() {}

  static void install(Instrumentation instrumentation, StartupTimeline timeline) throws Exception {
    WardenConfig config =
        WardenConfig.read(
            System.getenv(), System.getProperty("java.home"), System.getProperty("user.dir"));
    Engine engine = EngineFactory.create(config);
    timeline.mark("configuration, policy and engine");
    if (engine == null) {
      System.exit(EngineFactory.CONFIGURATION_ERROR);
      return;
    }
    AgentThreads agentThreads = Handoff.offer(engine);
    Dispatcher.installed();
    JdkClassTransformer transformer =
        new JdkClassTransformer(
            HookRegistry.all(), agentThreads, name -> {}, engine::internalError);
    timeline.mark("hook table");
    instrumentation.addTransformer(transformer, true);
    List<Class<?>> alreadyLoaded = new ArrayList<>();
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      if (loaded.getClassLoader() == null && transformer.targets(loaded.getName())) {
        alreadyLoaded.add(loaded);
      }
    }
    timeline.mark("found " + alreadyLoaded.size() + " loaded JDK classes to weave");
    instrumentation.retransformClasses(alreadyLoaded.toArray(new Class<?>[0]));
    timeline.mark("woven");
    Thread atExit =
        new Thread(
            () -> {
              agentThreads.markCurrentThread();
              engine.shutdown();
            },
            "warden-shutdown");
    Runtime.getRuntime().addShutdownHook(atExit);
  }
}
