package dev.warden.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.warden.agent.hooks.handler.HandlerHooks;
import dev.warden.agent.hooks.handler.RuntimeClientHooks;
import dev.warden.agent.lambda.HandlerTransformer;
import dev.warden.bootstrap.AgentThreads;
import java.util.List;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/** Weaves the handler advice with the same weaver as the JDK hooks, in the agent's own work. */
final class HandlerWeaving implements HandlerTransformer.Weaver {
  private final AdviceWeaver weaver;
  private final AgentThreads agentThreads;

  HandlerWeaving(AdviceWeaver weaver, AgentThreads agentThreads) {
    this.weaver = weaver;
    this.agentThreads = agentThreads;
  }

  @Override
  public byte[] weave(
      String binaryName, Class<?> loaded, byte[] classFile, ClassLoader loader, String method) {
    boolean entered = agentThreads.enter();
    try {
      return weaver.weave(
          binaryName,
          loaded,
          classFile,
          List.of(HandlerHooks.handlerMethod(binaryName, method)),
          ClassFileLocator.ForClassLoader.of(loader));
    } finally {
      if (entered) {
        agentThreads.exit();
      }
    }
  }

  @Override
  public byte[] weaveRuntimeClient(
      String binaryName, Class<?> loaded, byte[] classFile, ClassLoader loader) {
    boolean entered = agentThreads.enter();
    try {
      return weaver.weave(
          binaryName,
          loaded,
          classFile,
          RuntimeClientHooks.hooksFor(binaryName),
          ClassFileLocator.ForClassLoader.of(loader));
    } finally {
      if (entered) {
        agentThreads.exit();
      }
    }
  }

  @Override
  public String declaringClass(
      String binaryName, byte[] classFile, ClassLoader loader, String method) {
    boolean entered = agentThreads.enter();
    try {
      TypePool pool =
          TypePool.Default.of(
              new ClassFileLocator.Compound(
                  ClassFileLocator.Simple.of(binaryName, classFile),
                  ClassFileLocator.ForClassLoader.of(loader)));
      TypeDefinition type = pool.describe(binaryName).resolve();
      while (type != null && !type.represents(Object.class)) {
        if (!type.getDeclaredMethods()
            .filter(named(method).and(not(isBridge())).and(not(isAbstract())))
            .isEmpty()) {
          return type.getTypeName();
        }
        type = type.getSuperClass() == null ? null : type.getSuperClass().asErasure();
      }
      return null;
    } finally {
      if (entered) {
        agentThreads.exit();
      }
    }
  }
}
