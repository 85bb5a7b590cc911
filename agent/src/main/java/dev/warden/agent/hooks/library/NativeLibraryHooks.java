package dev.warden.agent.hooks.library;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * JNI libraries: {@code System.load/loadLibrary} and {@code Runtime.load/loadLibrary}, for every
 * class loader and the boot loader, end in the private {@code NativeLibraries.loadLibrary(Class,
 * String, boolean)} with the library's canonical path. The foreign function API's {@code
 * SymbolLookup.libraryLookup} (JDK 22+) loads through {@code RawNativeLibraries.load(String)}
 * without {@code System.load}; that class does not exist on 17, where the hook simply never fires
 * (checked on JDK 17.0.19 and 25.0.3).
 */
public final class NativeLibraryHooks {
  private NativeLibraryHooks() {}

  public static List<Hook> hooks() {
    return List.of(
        new Hook(
            "jdk.internal.loader.NativeLibraries",
            named("loadLibrary")
                .and(isPrivate())
                .and(takesArguments(3))
                .and(takesArgument(1, String.class))
                .and(takesArgument(2, boolean.class)),
            JniLoadAdvice.class),
        new Hook(
            "jdk.internal.loader.RawNativeLibraries",
            named("load").and(takesArguments(1)).and(takesArgument(0, String.class)),
            ForeignLoadAdvice.class));
  }

  static final class JniLoadAdvice {
    @Advice.OnMethodEnter
    static void enter(
        @Advice.Argument(0) Class<?> caller,
        @Advice.Argument(1) String name,
        @Advice.Argument(2) boolean builtIn) {
      if (!builtIn) {
        Dispatcher.library(name, caller);
      }
    }
  }

  static final class ForeignLoadAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String pathOrName) {
      Dispatcher.library(pathOrName, null);
    }
  }
}
