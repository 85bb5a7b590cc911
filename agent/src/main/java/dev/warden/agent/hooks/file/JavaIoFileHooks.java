package dev.warden.agent.hooks.file;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import dev.warden.bootstrap.Ops;
import java.io.File;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * java.io.File's changes to the file system. Delete and rename go through {@code
 * java.io.UnixFileSystem} (Java code in 17 and 25); directory and file creation are native there on
 * 17, so they are hooked on {@code File} itself, and temp files where their name is generated
 * (checked on JDK 17.0.19 and 25.0.3).
 */
public final class JavaIoFileHooks {
  private JavaIoFileHooks() {}

  public static List<Hook> hooks() {
    return List.of(
        new Hook(
            "java.io.UnixFileSystem", named("delete").and(takesArguments(1)), DeleteAdvice.class),
        new Hook(
            "java.io.UnixFileSystem", named("rename").and(takesArguments(2)), RenameAdvice.class),
        new Hook("java.io.File", named("mkdir").and(takesArguments(0)), MkdirAdvice.class),
        new Hook("java.io.File", named("createNewFile").and(takesArguments(0)), CreateAdvice.class),
        new Hook(
            "java.io.File$TempDirectory",
            named("generateFile").and(takesArguments(3)),
            TempFileAdvice.class));
  }

  static final class DeleteAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) File file) {
      Dispatcher.file(Ops.FILE_DELETE, file.getPath(), null);
    }
  }

  static final class RenameAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) File from, @Advice.Argument(1) File to) {
      Dispatcher.file(Ops.FILE_RENAME, from.getPath(), to.getPath());
    }
  }

  static final class MkdirAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.This File self) {
      Dispatcher.file(Ops.FILE_MKDIR, self.getPath(), null);
    }
  }

  static final class CreateAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.This File self) {
      Dispatcher.file(Ops.FILE_WRITE, self.getPath(), null);
    }
  }

  /** Judged on the generated name, before {@code createTempFile} creates it. */
  static final class TempFileAdvice {
    @Advice.OnMethodExit
    static void exit(@Advice.Return File generated) {
      if (generated != null) {
        Dispatcher.file(Ops.FILE_WRITE, generated.getPath(), null);
      }
    }
  }
}
