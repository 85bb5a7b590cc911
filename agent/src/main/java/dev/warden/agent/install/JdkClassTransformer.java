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
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves the hooks' advice into the JDK classes that hold the choke points, found by name. Unlike
 * an {@code AgentBuilder}, it never matches over the loaded classes: a boot-loader class whose name
 * is not in the table costs one hash lookup, anything else nothing.
 */
final class JdkClassTransformer implements ClassFileTransformer {
  private final Map<String, List<Hook>> hooksByInternalName = new HashMap<>();
  private final AgentThreads agentThreads;
  private final Consumer<String> onWoven;
  private final Consumer<Throwable> onError;
  private final Map<Class<?>, Advice> adviceByClass = new HashMap<>();

  JdkClassTransformer(
      List<Hook> hooks,
      AgentThreads agentThreads,
      Consumer<String> onWoven,
      Consumer<Throwable> onError) {
    this.agentThreads = agentThreads;
    for (Hook hook : hooks) {
      hooksByInternalName
          .computeIfAbsent(hook.targetClass().replace('.', '/'), name -> new ArrayList<>())
          .add(hook);
    }
    this.onWoven = onWoven;
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
      onWoven.accept(internalName);
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

  /**
   * Applies the advice straight to the class file with ASM, through Byte Buddy's advice visitor,
   * without Byte Buddy's type-building DSL: the class keeps its shape (no members added, as
   * retransformation requires) and untouched methods are copied through.
   */
  private byte[] weave(String binaryName, Class<?> loaded, byte[] classFile, List<Hook> hooks) {
    ClassFileLocator thisClass = ClassFileLocator.Simple.of(binaryName, classFile);
    TypePool typePool =
        TypePool.Default.of(
            new ClassFileLocator.Compound(
                thisClass, ClassFileLocator.ForClassLoader.ofBootLoader()));
    TypeDescription type =
        loaded != null
            ? TypeDescription.ForLoadedType.of(loaded)
            : typePool.describe(binaryName).resolve();
    AsmVisitorWrapper.ForDeclaredMethods advice = new AsmVisitorWrapper.ForDeclaredMethods();
    for (Hook hook : hooks) {
      advice = advice.method(hook.methods(), adviceFor(hook.advice()));
    }
    int writerFlags = advice.mergeWriter(0);
    int readerFlags = advice.mergeReader(0);
    ClassReader reader = OpenedClassReader.of(classFile);
    ClassWriter writer = new ClassWriter(reader, writerFlags);
    ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
    ClassVisitor visitor =
        advice.wrap(
            type,
            writer,
            new NoAuxiliaryCode(type, version),
            typePool,
            type.getDeclaredFields(),
            type.getDeclaredMethods(),
            writerFlags,
            readerFlags);
    reader.accept(visitor, readerFlags);
    return writer.toByteArray();
  }

  private Advice adviceFor(Class<?> adviceClass) {
    return adviceByClass.computeIfAbsent(
        adviceClass,
        type ->
            Advice.to(
                type,
                ClassFileLocator.ForClassLoader.of(JdkClassTransformer.class.getClassLoader())));
  }

  /** Advice inlined into JDK classes needs no helper classes, accessors or initialisers. */
  private static final class NoAuxiliaryCode extends Implementation.Context.Disabled {
    NoAuxiliaryCode(TypeDescription type, ClassFileVersion version) {
      super(type, version, Implementation.Context.FrameGeneration.DISABLED);
    }
  }
}
