package dev.warden.agent.install;

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
  private final Map<String, List<Hook>> hooksByInternalName = new HashMap<>();
  private final AgentThreads agentThreads;
  private final Consumer<Throwable> onError;
  private final AdviceWeaver weaver;

  JdkClassTransformer(
      List<Hook> hooks,
      AgentThreads agentThreads,
      Consumer<Throwable> onError,
      AdviceWeaver weaver) {
    this.agentThreads = agentThreads;
    this.weaver = weaver;
    for (Hook hook : hooks) {
      hooksByInternalName
          .computeIfAbsent(hook.targetClass().replace('.', '/'), name -> new ArrayList<>())
          .add(hook);
    }
    this.onError = onError;
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
    boolean entered = agentThreads.enter();
    try {
      byte[] woven = weave(internalName.replace('/', '.'), classBeingRedefined, classFile, hooks);
      return woven;
    } catch (Throwable error) {
      // Leave the class as it was: the agent must never break the JVM.
      onError.accept(error);
      return null;
    } finally {
      if (entered) {
        agentThreads.exit();
      }
    }
  }

  private byte[] weave(String binaryName, Class<?> loaded, byte[] classFile, List<Hook> hooks) {
    return weaver.weave(
        binaryName, loaded, classFile, hooks, ClassFileLocator.ForClassLoader.ofBootLoader());
  }
}
