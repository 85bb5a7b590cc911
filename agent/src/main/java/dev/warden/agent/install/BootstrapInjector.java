package dev.warden.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;

/**
 * Defines the bootstrap part (the dispatcher that advice calls, the guard, the sink interface and
 * the blocking exception) into {@code java.lang} of {@code java.base}. The build relocates the
 * {@code dev.warden.bootstrap} package to {@code java.lang.Warden*}, so advice inlined into any
 * {@code java.base} class links to it without module read edges; {@code java.lang} is opened to the
 * agent's own class loader only, so function code cannot reach the dispatcher's state by
 * reflection. Unlike appending a jar to the boot class path, this keeps class data sharing on for
 * every class loader (the JVM disables it for non-boot classes after such an append).
 *
 * <p>Must run before any class that refers to the bootstrap part is loaded, and must not refer to
 * those classes itself.
 */
final class BootstrapInjector {
  /** In definition order; the build rewrites these names together with the classes. */
  private static final String[] BOOTSTRAP_CLASSES = {
    "dev.warden.bootstrap.Ops",
    "dev.warden.bootstrap.Sink",
    "dev.warden.bootstrap.BlockedException",
    "dev.warden.bootstrap.Guard$Depth",
    "dev.warden.bootstrap.Guard",
    "dev.warden.bootstrap.AgentThreads",
    "dev.warden.bootstrap.Handoff",
    "dev.warden.bootstrap.Dispatcher",
  };

  private BootstrapInjector() {}

  static void inject(Instrumentation instrumentation) throws IOException, IllegalAccessException {
    Module javaBase = Object.class.getModule();
    ClassLoader agentLoader = BootstrapInjector.class.getClassLoader();
    if (!BOOTSTRAP_CLASSES[0].startsWith("java.lang.")) {
      // Running unshaded (the agent's own unit tests): nothing to inject.
      return;
    }
    instrumentation.redefineModule(
        javaBase,
        Set.of(),
        Map.of(),
        Map.of("java.lang", Set.of(BootstrapInjector.class.getModule())),
        Set.of(),
        Map.of());
    MethodHandles.Lookup javaLang =
        MethodHandles.privateLookupIn(Object.class, MethodHandles.lookup());
    for (String name : BOOTSTRAP_CLASSES) {
      try (InputStream in = agentLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new IOException("the agent jar lacks " + name);
        }
        javaLang.defineClass(in.readAllBytes());
      }
    }
  }
}
