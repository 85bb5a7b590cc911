package dev.warden.agent.hooks.file;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import dev.warden.bootstrap.Ops;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * The private {@code open} methods of the three java.io file classes: every constructor, and every
 * reader, writer, {@code PrintStream}, {@code ZipFile} and {@code Scanner} built on them, ends here
 * before the native open (checked on JDK 17.0.19 and 25.0.3).
 */
public final class JavaIoOpenHooks {
  /** {@code RandomAccessFile.O_RDWR}, identical in 17 and 25. */
  static final int RANDOM_ACCESS_READ_WRITE = 2;

  private JavaIoOpenHooks() {}

  public static List<Hook> hooks() {
    return List.of(
        new Hook("java.io.FileInputStream", named("open").and(takesArguments(1)), ReadAdvice.class),
        new Hook(
            "java.io.FileOutputStream", named("open").and(takesArguments(2)), WriteAdvice.class),
        new Hook(
            "java.io.RandomAccessFile",
            named("open").and(takesArguments(2)),
            RandomAccessAdvice.class));
  }

  static final class ReadAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String name) {
      Dispatcher.file(Ops.FILE_READ, name, null);
    }
  }

  static final class WriteAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String name) {
      Dispatcher.file(Ops.FILE_WRITE, name, null);
    }
  }

  static final class RandomAccessAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String name, @Advice.Argument(1) int mode) {
      Dispatcher.file(
          (mode & RANDOM_ACCESS_READ_WRITE) != 0 ? Ops.FILE_READ_WRITE : Ops.FILE_READ, name, null);
    }
  }
}
