package dev.warden.agent.install;

import dev.warden.agent.config.WardenConfig;
import dev.warden.agent.engine.Engine;
import dev.warden.agent.hooks.HookRegistry;
import dev.warden.agent.lambda.HandlerTarget;
import dev.warden.agent.lambda.HandlerTransformer;
import dev.warden.agent.lambda.LambdaInvocations;
import dev.warden.agent.lambda.ShutdownSignalExtension;
import dev.warden.agent.telemetry.TelemetryBridge;
import dev.warden.agent.telemetry.TelemetrySwitch;
import dev.warden.bootstrap.AgentThreads;
import dev.warden.bootstrap.Dispatcher;
import dev.warden.bootstrap.Handoff;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/** Builds the engine, hands it to the dispatcher and weaves the hooks into the JDK. */
final class HookInstaller {
  private HookInstaller() {}

  static void install(Instrumentation instrumentation, StartupTimeline timeline) throws Exception {
    Map<String, String> environment = System.getenv();
    WardenConfig config =
        WardenConfig.read(
            environment, System.getProperty("java.home"), System.getProperty("user.dir"));
    // The engine (policy, rules, alert pipeline) is built on a second thread while this one weaves
    // the hooks: the two share nothing until the hand-off below, and premain returns only after
    // both, so no function code runs unwatched. Until the hand-off the woven hooks find no engine
    // and return at once, so the builder's own file reads are not judged.
    FutureTask<Engine> engineBuild = new FutureTask<>(new EngineBuild(config));
    Thread engineBuilder = new Thread(engineBuild, "warden-engine-init");
    engineBuilder.setDaemon(true);
    engineBuilder.start();

    AdviceWeaver weaver = new AdviceWeaver();
    JdkClassTransformer transformer = new JdkClassTransformer(HookRegistry.all(), weaver);
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

    Engine engine = built(engineBuild);
    timeline.mark("engine (configuration, policy, rules; built meanwhile)");
    if (engine == null) {
      System.exit(EngineFactory.CONFIGURATION_ERROR);
      return;
    }
    HandlerTarget handler =
        HandlerTarget.locate(environment, System.getProperty("sun.java.command"));
    LambdaInvocations invocations =
        handler == null ? null : new LambdaInvocations(handler, engine, environment);
    AgentThreads agentThreads = Handoff.offer(new AgentSink(engine, invocations));
    Runnable markAgentThread = new MarkAgentThread(agentThreads);
    Consumer<Throwable> reportInternalError = new ReportInternalError(engine);
    transformer.handOff(agentThreads, reportInternalError);
    Dispatcher.installed();
    TelemetryBridge telemetry = null;
    if (handler != null || TelemetrySwitch.requested(environment)) {
      TelemetryBridge.Start start =
          handler == null
              ? TelemetryBridge.Start.IN_BACKGROUND
              : "snap-start".equals(environment.get("AWS_LAMBDA_INITIALIZATION_TYPE"))
                  ? TelemetryBridge.Start.IN_BACKGROUND_AND_REHEARSE
                  : TelemetryBridge.Start.WHEN_FIRST_NEEDED;
      telemetry = TelemetryBridge.start(environment, markAgentThread, agentVersion(), start);
      engine.addAlertListener(telemetry);
      if (invocations != null) {
        invocations.observer(telemetry);
      }
    }
    String runtimeApi = environment.get("AWS_LAMBDA_RUNTIME_API");
    if (invocations != null
        && runtimeApi != null
        && !"snap-start".equals(environment.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
      // So that Lambda ends the environment with SIGTERM and the shutdown hook below runs (spans
      // waiting for their batch, the learned policy). Not under SnapStart: a snapshot cannot keep
      // the extension's open request.
      invocations.initEndsAfter(ShutdownSignalExtension.start(runtimeApi, markAgentThread));
    }
    if (handler != null) {
      // Registered before any function class can load: the handler is woven when it loads.
      instrumentation.addTransformer(
          new HandlerTransformer(
              handler,
              new HandlerWeaving(weaver, agentThreads),
              reportInternalError,
              new RetransformWhenLoaded(instrumentation, agentThreads)),
          true);
    }
    Thread atExit = new Thread(new AtExit(agentThreads, engine, telemetry), "warden-shutdown");
    Runtime.getRuntime().addShutdownHook(atExit);
  }

  private static Engine built(FutureTask<Engine> engineBuild) throws Exception {
    try {
      return engineBuild.get();
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof Exception cause ? cause : failed;
    }
  }

  private static String agentVersion() {
    return HookInstaller.class.getPackage() == null
        ? null
        : HookInstaller.class.getPackage().getImplementationVersion();
  }

  private static final class EngineBuild implements Callable<Engine> {
    private final WardenConfig config;

    EngineBuild(WardenConfig config) {
      this.config = config;
    }

    @Override
    public Engine call() {
      return EngineFactory.create(config);
    }
  }

  private static final class MarkAgentThread implements Runnable {
    private final AgentThreads agentThreads;

    MarkAgentThread(AgentThreads agentThreads) {
      this.agentThreads = agentThreads;
    }

    @Override
    public void run() {
      agentThreads.markCurrentThread();
    }
  }

  private static final class ReportInternalError implements Consumer<Throwable> {
    private final Engine engine;

    ReportInternalError(Engine engine) {
      this.engine = engine;
    }

    @Override
    public void accept(Throwable error) {
      engine.internalError(error);
    }
  }

  /** The shutdown hook's work: the engine's (learned policy), then the telemetry's, if any. */
  private static final class AtExit implements Runnable {
    private final AgentThreads agentThreads;
    private final Engine engine;
    private final TelemetryBridge telemetry;

    AtExit(AgentThreads agentThreads, Engine engine, TelemetryBridge telemetry) {
      this.agentThreads = agentThreads;
      this.engine = engine;
      this.telemetry = telemetry;
    }

    @Override
    public void run() {
      agentThreads.markCurrentThread();
      engine.shutdown();
      if (telemetry != null) {
        telemetry.shutdown();
      }
    }
  }

  /**
   * A handler that inherits its method from a base class loaded before the handler class: the base
   * class is retransformed as soon as it can be (outside the class-loading callback). If it was not
   * loaded yet, it is woven when it loads and this finds nothing to do.
   */
  private static final class RetransformWhenLoaded implements Consumer<String> {
    private final Instrumentation instrumentation;
    private final AgentThreads agentThreads;

    RetransformWhenLoaded(Instrumentation instrumentation, AgentThreads agentThreads) {
      this.instrumentation = instrumentation;
      this.agentThreads = agentThreads;
    }

    @Override
    public void accept(String baseClass) {
      Thread retransform =
          new Thread(
              new RetransformLoaded(instrumentation, agentThreads, baseClass),
              "warden-handler-weaving");
      retransform.setDaemon(true);
      retransform.start();
    }
  }

  private static final class RetransformLoaded implements Runnable {
    private final Instrumentation instrumentation;
    private final AgentThreads agentThreads;
    private final String baseClass;

    RetransformLoaded(
        Instrumentation instrumentation, AgentThreads agentThreads, String baseClass) {
      this.instrumentation = instrumentation;
      this.agentThreads = agentThreads;
      this.baseClass = baseClass;
    }

    @Override
    public void run() {
      agentThreads.markCurrentThread();
      for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
        if (loaded.getName().equals(baseClass) && loaded.getClassLoader() != null) {
          try {
            instrumentation.retransformClasses(loaded);
          } catch (Exception | LinkageError ignored) {
            // Reported by the transformer if weaving failed; the function runs on.
          }
        }
      }
    }
  }
}
