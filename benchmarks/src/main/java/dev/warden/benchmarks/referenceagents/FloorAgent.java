package dev.warden.benchmarks.referenceagents;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The cold-start bench's "bare Byte Buddy agent": the weaving floor. Its premain loads Byte Buddy
 * from its own jar (relocated by the build, as any agent must: functions bring their own, and the
 * class path comes before the agent jar) and weaves one trivial enter advice, with Byte Buddy's
 * advice visitor (no AgentBuilder, no rules, no export), into the JDK methods Warden hooks at
 * premain, found by name, retransforming the classes already loaded. Its cost over the {@link
 * EmptyAgent empty agent} is what any Byte Buddy agent hooking those methods pays; Warden's cost
 * over it is Warden's own.
 *
 * <p>Set FLOOR_AGENT_DEBUG=true to have premain print one line with what it wove and how long it
 * took; a class it fails to weave is always reported on stderr, prefixed {@code [floor-agent]
 * error}, and the bench fails the launch.
 */
public final class FloorAgent {
  /** Internal class name → names of the methods woven: those Warden retransforms at premain. */
  static final Map<String, List<String>> HOOKED =
      Map.of(
          "java/io/FileInputStream", List.of("open"),
          "java/io/FileOutputStream", List.of("open"),
          "java/io/RandomAccessFile", List.of("open"),
          "java/io/UnixFileSystem", List.of("delete", "rename"),
          "java/io/File", List.of("mkdir", "createNewFile"),
          "sun/nio/fs/UnixFileSystemProvider",
              List.of(
                  "implDelete",
                  "copy",
                  "move",
                  "createDirectory",
                  "createSymbolicLink",
                  "createLink"),
          "jdk/internal/loader/NativeLibraries", List.of("loadLibrary"),
          "java/net/InetAddress", List.of("getAllByName0"));

  private FloorAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation)
      throws UnmodifiableClassException {
    long started = System.nanoTime();
    Weaver weaver = new Weaver();
    instrumentation.addTransformer(weaver, true);
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getClassLoader() == null && HOOKED.containsKey(type.getName().replace('.', '/'))) {
        loaded.add(type);
      }
    }
    if (!loaded.isEmpty()) {
      instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
    }
    if ("true".equals(System.getenv("FLOOR_AGENT_DEBUG"))) {
      System.err.println(
          "[floor-agent] premain: wove "
              + weaver.methods.get()
              + " methods in "
              + weaver.classes.get()
              + " of the "
              + loaded.size()
              + " hooked classes already loaded, in "
              + (System.nanoTime() - started) / 1_000_000
              + " ms");
    }
  }

  /**
   * The advice, inlined into JDK classes of the boot loader: it may name boot types only (a class
   * of this jar would not resolve there, and the woven method would throw NoClassDefFoundError).
   * The call only keeps the advice from being empty; the point is the weaving, not what it does.
   */
  static final class OnEnter {
    private OnEnter() {}

    @Advice.OnMethodEnter
    static void enter() {
      System.nanoTime();
    }
  }

  /** Weaves {@link OnEnter} into the hooked methods of the hooked boot classes. */
  private static final class Weaver implements ClassFileTransformer {
    private final Advice advice =
        Advice.to(
            OnEnter.class, ClassFileLocator.ForClassLoader.of(FloorAgent.class.getClassLoader()));
    final AtomicInteger classes = new AtomicInteger();
    final AtomicInteger methods = new AtomicInteger();

    @Override
    public byte[] transform(
        ClassLoader loader,
        String name,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain,
        byte[] bytes) {
      List<String> hooked = HOOKED.get(name);
      if (hooked == null || loader != null) {
        return null;
      }
      try {
        // Types the visitor needs are read as class files, never loaded.
        TypePool pool =
            TypePool.Default.of(
                new ClassFileLocator.Compound(
                    ClassFileLocator.Simple.of(name.replace('/', '.'), bytes),
                    ClassFileLocator.ForClassLoader.ofBootLoader()));
        TypeDescription type = pool.describe(name.replace('/', '.')).resolve();
        AsmVisitorWrapper.ForDeclaredMethods wrapper =
            new AsmVisitorWrapper.ForDeclaredMethods()
                .invokable(namedOneOf(hooked.toArray(new String[0])), advice);
        ClassReader reader = OpenedClassReader.of(bytes);
        ClassWriter writer = new ClassWriter(reader, wrapper.mergeWriter(0));
        Implementation.Context context =
            new Implementation.Context.Disabled(
                type,
                ClassFileVersion.ofClassFile(bytes),
                Implementation.Context.FrameGeneration.DISABLED) {};
        ClassVisitor visitor =
            wrapper.wrap(
                type,
                writer,
                context,
                pool,
                type.getDeclaredFields(),
                type.getDeclaredMethods(),
                wrapper.mergeWriter(0),
                wrapper.mergeReader(0));
        reader.accept(visitor, wrapper.mergeReader(0));
        byte[] woven = writer.toByteArray();
        classes.incrementAndGet();
        methods.addAndGet(
            (int)
                type.getDeclaredMethods().stream()
                    .map(MethodDescription::getInternalName)
                    .filter(hooked::contains)
                    .count());
        return woven;
      } catch (Throwable e) {
        System.err.println("[floor-agent] error weaving " + name + ": " + e);
        return null;
      }
    }
  }
}
