package dev.warden.agent.install;

import dev.warden.agent.hooks.Hook;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * Applies Byte Buddy advice straight to a class file with ASM, through Byte Buddy's advice visitor,
 * without Byte Buddy's type-building DSL: the class keeps its shape (no members added, as
 * retransformation requires) and untouched methods are copied through.
 *
 * <p>Threads weave at the same time: the runtime client's and the handler's classes load on the
 * function's main thread while an agent thread's first socket loads the network hooks' classes, and
 * a lock here made the main thread wait for that weave. Each weave has its own pool, reader and
 * writer; the prepared advice is immutable and shared.
 */
final class AdviceWeaver {
  private final Map<Class<?>, Advice> adviceByClass = new ConcurrentHashMap<>();

  /**
   * @param loaded the class when it is being retransformed, null when it is being loaded
   * @param classPath where the types the class refers to are read from (its class loader)
   */
  byte[] weave(
      String binaryName,
      Class<?> loaded,
      byte[] classFile,
      List<Hook> hooks,
      ClassFileLocator classPath) {
    ClassFileLocator thisClass = ClassFileLocator.Simple.of(binaryName, classFile);
    TypePool typePool = TypePool.Default.of(new ClassFileLocator.Compound(thisClass, classPath));
    TypeDescription type =
        loaded != null
            ? TypeDescription.ForLoadedType.of(loaded)
            : typePool.describe(binaryName).resolve();
    AsmVisitorWrapper.ForDeclaredMethods advice = new AsmVisitorWrapper.ForDeclaredMethods();
    for (Hook hook : hooks) {
      // invokable: a hook may advise constructors too (isConstructor()).
      advice = advice.invokable(hook.methods(), adviceFor(hook.advice()));
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
    Advice advice = adviceByClass.get(adviceClass);
    if (advice != null) {
      return advice;
    }
    // Two threads may prepare the same advice at once: both are alike, and the first stays.
    advice =
        Advice.to(
            adviceClass, ClassFileLocator.ForClassLoader.of(AdviceWeaver.class.getClassLoader()));
    Advice prepared = adviceByClass.putIfAbsent(adviceClass, advice);
    return prepared != null ? prepared : advice;
  }

  /** Inlined advice needs no helper classes, accessors or initialisers. */
  private static final class NoAuxiliaryCode extends Implementation.Context.Disabled {
    NoAuxiliaryCode(TypeDescription type, ClassFileVersion version) {
      super(type, version, Implementation.Context.FrameGeneration.DISABLED);
    }
  }
}
