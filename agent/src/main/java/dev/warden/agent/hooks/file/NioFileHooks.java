package dev.warden.agent.hooks.file;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import dev.warden.bootstrap.Ops;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.bytebuddy.asm.Advice;

/**
 * NIO on the default file system. Every open ({@code Files.newInputStream/newOutputStream/
 * newByteChannel/readAllBytes/write/lines...}, {@code FileChannel.open}, {@code
 * AsynchronousFileChannel.open}, temp files) reaches {@code UnixChannelFactory}; delete, copy,
 * move, directory and link creation reach {@code UnixFileSystemProvider} (checked on JDK 17.0.19
 * and 25.0.3: the channel factory lost its permission-check argument in between).
 */
public final class NioFileHooks {
  private static final String CHANNEL_FACTORY = "sun.nio.fs.UnixChannelFactory";
  private static final String PROVIDER = "sun.nio.fs.UnixFileSystemProvider";

  private NioFileHooks() {}

  public static List<Hook> hooks() {
    return List.of(
        // JDK 17: newFileChannel(int dfd, UnixPath, String pathForPermissionCheck, Set, int mode)
        new Hook(
            CHANNEL_FACTORY,
            named("newFileChannel").and(takesArguments(5)).and(takesArgument(0, int.class)),
            OpenWithPermissionPathAdvice.class),
        // JDK 21+: newFileChannel(int dfd, UnixPath, Set, int mode)
        new Hook(
            CHANNEL_FACTORY,
            named("newFileChannel").and(takesArguments(4)).and(takesArgument(0, int.class)),
            OpenAdvice.class),
        new Hook(
            CHANNEL_FACTORY,
            named("newAsynchronousFileChannel").and(takesArguments(4)),
            AsyncOpenAdvice.class),
        new Hook(PROVIDER, named("implDelete").and(takesArguments(2)), DeleteAdvice.class),
        new Hook(PROVIDER, named("copy").and(takesArguments(3)), CopyAdvice.class),
        new Hook(PROVIDER, named("move").and(takesArguments(3)), MoveAdvice.class),
        new Hook(PROVIDER, named("createDirectory").and(takesArguments(2)), MkdirAdvice.class),
        new Hook(PROVIDER, named("createSymbolicLink").and(takesArguments(3)), SymlinkAdvice.class),
        new Hook(PROVIDER, named("createLink").and(takesArguments(2)), LinkAdvice.class));
  }

  static final class OpenWithPermissionPathAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(1) Object path, @Advice.Argument(3) Set<?> options) {
      Dispatcher.fileOpen(path, options);
    }
  }

  static final class OpenAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(1) Object path, @Advice.Argument(2) Set<?> options) {
      Dispatcher.fileOpen(path, options);
    }
  }

  static final class AsyncOpenAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object path, @Advice.Argument(1) Set<?> options) {
      Dispatcher.fileOpen(path, options);
    }
  }

  static final class DeleteAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path path) {
      Dispatcher.file(Ops.FILE_DELETE, String.valueOf(path), null);
    }
  }

  static final class CopyAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path source, @Advice.Argument(1) Path target) {
      Dispatcher.file(Ops.FILE_COPY, String.valueOf(source), String.valueOf(target));
    }
  }

  static final class MoveAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path source, @Advice.Argument(1) Path target) {
      Dispatcher.file(Ops.FILE_RENAME, String.valueOf(source), String.valueOf(target));
    }
  }

  static final class MkdirAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path dir) {
      Dispatcher.file(Ops.FILE_MKDIR, String.valueOf(dir), null);
    }
  }

  static final class SymlinkAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path link, @Advice.Argument(1) Path pointsTo) {
      Dispatcher.file(Ops.FILE_SYMLINK, String.valueOf(link), String.valueOf(pointsTo));
    }
  }

  static final class LinkAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path link, @Advice.Argument(1) Path existing) {
      Dispatcher.file(Ops.FILE_LINK, String.valueOf(link), String.valueOf(existing));
    }
  }
}
