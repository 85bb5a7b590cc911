package dev.warden.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The agent's own code has no lambda, method reference or invokedynamic string concatenation. The
 * JVM links each such call site at its first use by generating classes (a lambda's class, method
 * handle forms), about half a millisecond to a millisecond apiece before the JIT has compiled the
 * generator, and nearly all of the agent's code first runs during a cold start: premain, the
 * engine's build, the extension's registration, the first invocation. Nested classes cost a class
 * load from the jar instead, a fraction of that. The command-line tools are exempt (they never run
 * inside a function). Records keep their generated {@code equals}, {@code hashCode} and {@code
 * toString} (linked only if called).
 */
class NoSpunClassesTest {
  private static final List<String> SPINNING_BOOTSTRAPS =
      List.of("java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory");

  @Test
  void theAgentsCodeHasNoCallSiteThatSpinsClasses() throws Exception {
    Path classes =
        Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> agentClasses = new ArrayList<>();
    for (String root : List.of("dev/warden/agent", "dev/warden/bootstrap")) {
      try (Stream<Path> files = Files.walk(classes.resolve(root))) {
        files
            .filter(file -> file.toString().endsWith(".class"))
            .filter(
                file -> !classes.relativize(file).toString().startsWith("dev/warden/agent/cli/"))
            .forEach(agentClasses::add);
      }
    }
    assertTrue(agentClasses.size() > 100, "found too few of the agent's classes: " + agentClasses);

    List<String> spinning = new ArrayList<>();
    for (Path file : agentClasses) {
      spinning.addAll(spinningCallSites(file));
    }
    assertEquals(List.of(), spinning, "call sites that spin classes at their first use");
  }

  /** The check finds a lambda (this module compiles concatenation without invokedynamic). */
  @Test
  void theCheckFindsALambda() throws Exception {
    Path sample =
        Path.of(NoSpunClassesTest.class.getResource("NoSpunClassesTest$WithLambda.class").toURI());
    List<String> found = spinningCallSites(sample);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).contains("LambdaMetafactory"), found.toString());
  }

  @SuppressWarnings("unused")
  private static final class WithLambda {
    Runnable task() {
      return () -> {};
    }
  }

  private static List<String> spinningCallSites(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> found = new ArrayList<>();
    ClassReader reader = new ClassReader(bytes);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            String method = reader.getClassName() + "." + name;
            return new MethodVisitor(Opcodes.ASM9) {
              @Override
              public void visitInvokeDynamicInsn(
                  String callName, String callDescriptor, Handle bootstrap, Object... arguments) {
                if (SPINNING_BOOTSTRAPS.contains(bootstrap.getOwner())) {
                  found.add(method + " (" + bootstrap.getOwner() + ")");
                }
              }
            };
          }
        },
        ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found;
  }
}
