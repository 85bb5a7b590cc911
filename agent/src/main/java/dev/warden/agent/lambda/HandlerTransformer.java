package dev.warden.agent.lambda;

import dev.warden.agent.hooks.handler.RuntimeClientHooks;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Weaves the invocation advice into the function's handler method when its class loads, in the
 * function's class loader. When the handler class inherits the method, the class that declares it
 * is woven instead: on load if it has not loaded yet, else by a retransformation requested through
 * {@code retransformLater}.
 */
public final class HandlerTransformer implements ClassFileTransformer {
  /** Weaves one class; returns the new class file, or null to leave it. */
  public interface Weaver {
    byte[] weave(
        String binaryName, Class<?> loaded, byte[] classFile, ClassLoader loader, String method);

    /** Weaves one of the runtime client's classes (see RuntimeClientHooks). */
    byte[] weaveRuntimeClient(
        String binaryName, Class<?> loaded, byte[] classFile, ClassLoader loader);

    /** The binary name of the class that declares {@code method} for the given class, or null. */
    String declaringClass(String binaryName, byte[] classFile, ClassLoader loader, String method);
  }

  private final HandlerTarget target;
  private final Weaver weaver;
  private final Consumer<Throwable> onError;
  private final Consumer<String> retransformLater;
  private final Map<String, String> methodByInternalName = new ConcurrentHashMap<>();

  public HandlerTransformer(
      HandlerTarget target,
      Weaver weaver,
      Consumer<Throwable> onError,
      Consumer<String> retransformLater) {
    this.target = target;
    this.weaver = weaver;
    this.onError = onError;
    this.retransformLater = retransformLater;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (loader == null || internalName == null) {
      return null;
    }
    try {
      String binaryName = internalName.replace('/', '.');
      if (RuntimeClientHooks.CLASSES.contains(binaryName)) {
        return weaver.weaveRuntimeClient(binaryName, classBeingRedefined, classFile, loader);
      }
      if (classBeingRedefined == null && internalName.equals(target.internalName())) {
        String declaring =
            weaver.declaringClass(binaryName, classFile, loader, target.methodName());
        if (declaring == null) {
          return null;
        }
        if (!declaring.equals(binaryName)) {
          methodByInternalName.put(declaring.replace('.', '/'), target.methodName());
          // If the base class loaded earlier, it must be retransformed to carry the advice.
          retransformLater.accept(declaring);
          return null;
        }
        return weaver.weave(binaryName, null, classFile, loader, target.methodName());
      }
      String method = methodByInternalName.get(internalName);
      if (method == null) {
        return null;
      }
      return weaver.weave(binaryName, classBeingRedefined, classFile, loader, method);
    } catch (Throwable error) {
      onError.accept(error);
      return null;
    }
  }
}
