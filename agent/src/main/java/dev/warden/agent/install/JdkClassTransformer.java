package dev.warden.agent.install;

import dev.warden.agent.alert.AgentLog;
import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.AgentThreads;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Weaves the hooks' advice into the JDK classes that hold the choke points, found by name. Unlike
 * an {@code AgentBuilder}, it never matches over the loaded classes: a boot-loader class whose name
 * is not in the table costs one hash lookup, anything else nothing.
 */
final class JdkClassTransformer implements ClassFileTransformer {
  private static final Consumer<Throwable> WARN_ON_AGENT_LOG = new WarnOnAgentLog();

  private final Map<String, List<Hook>> hooksByInternalName = new HashMap<>();
  private final AdviceWeaver weaver;

  // Null until the engine is handed to the dispatcher: until then the woven hooks return at once,
  // so weaving needs no guard, and a failure is reported on the agent's own stderr.
  private volatile AgentThreads agentThreads;
  private volatile Consumer<Throwable> onError = WARN_ON_AGENT_LOG;

  JdkClassTransformer(List<Hook> hooks, AdviceWeaver weaver) {
    this.weaver = weaver;
    for (Hook hook : hooks) {
      String internalName = hook.targetClass().replace('.', '/');
      List<Hook> forClass = hooksByInternalName.get(internalName);
      if (forClass == null) {
        forClass = new ArrayList<>();
        hooksByInternalName.put(internalName, forClass);
      }
      forClass.add(hook);
    }
  }

  /** From now on, weaving runs as the agent's own work and failures go to the engine. */
  void handOff(AgentThreads agentThreads, Consumer<Throwable> onError) {
    this.onError = onError;
    this.agentThreads = agentThreads;
  }

  boolean targets(String binaryName) {
    return hooksByInternalName.containsKey(binaryName.replace('.', '/'));
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (loader != null || internalName == null) {
      return null;
    }
    List<Hook> hooks = hooksByInternalName.get(internalName);
    if (hooks == null) {
      return null;
    }
    AgentThreads threads = agentThreads;
    boolean entered = threads != null && threads.enter();
    try {
      byte[] woven = weave(internalName.replace('/', '.'), classBeingRedefined, classFile, hooks);
      return woven;
    } catch (Throwable error) {
      // Leave the class as it was: the agent must never break the JVM.
      onError.accept(error);
      return null;
    } finally {
      if (entered) {
        threads.exit();
      }
    }
  }

  private byte[] weave(String binaryName, Class<?> loaded, byte[] classFile, List<Hook> hooks) {
    return weaver.weave(
        binaryName, loaded, classFile, hooks, ClassFileLocator.ForClassLoader.ofBootLoader());
  }

  private static final class WarnOnAgentLog implements Consumer<Throwable> {
    @Override
    public void accept(Throwable error) {
      AgentLog.warn("could not weave a hook, class left as it was: " + error);
    }
  }
}
