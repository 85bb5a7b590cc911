package dev.warden.bootstrap;

import java.net.InetAddress;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The only agent code that advice inlined into JDK classes calls. Fast path: no engine (not
 * installed: fail open) or already inside the agent's own work, return; otherwise hand the
 * operation to the engine. Only a {@link BlockedException} ever leaves these methods.
 */
public final class Dispatcher {
  private static final Sink SINK = Handoff.take();

  private Dispatcher() {}

  /** True once an engine is installed; forces this class's initialisation. */
  public static boolean installed() {
    return SINK != null;
  }

  public static void file(int op, String path, String otherPath) {
    Sink sink = SINK;
    if (sink == null || path == null || !Guard.enter()) {
      return;
    }
    try {
      sink.file(op, path, otherPath);
    } catch (BlockedException blocked) {
      throw blocked;
    } catch (Throwable error) {
      failOpen(sink, error);
    } finally {
      Guard.exit();
    }
  }

  /**
   * An NIO open ({@code FileChannel}, {@code newByteChannel}, {@code Files.newInputStream} ...):
   * the options say whether it reads, writes or both.
   */
  public static void fileOpen(Object path, Set<?> options) {
    if (path == null || options == null) {
      return;
    }
    boolean writes =
        options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    boolean reads = options.contains(StandardOpenOption.READ) || !writes;
    file(
        writes ? (reads ? Ops.FILE_READ_WRITE : Ops.FILE_WRITE) : Ops.FILE_READ,
        path.toString(),
        null);
  }

  public static void process(String[] command, String directory) {
    Sink sink = SINK;
    if (sink == null || command == null || !Guard.enter()) {
      return;
    }
    try {
      sink.process(command, directory);
    } catch (BlockedException blocked) {
      throw blocked;
    } catch (Throwable error) {
      failOpen(sink, error);
    } finally {
      Guard.exit();
    }
  }

  public static void network(int op, InetAddress address, int port) {
    Sink sink = SINK;
    if (sink == null || address == null || !Guard.enter()) {
      return;
    }
    try {
      sink.network(op, address, port);
    } catch (BlockedException blocked) {
      throw blocked;
    } catch (Throwable error) {
      failOpen(sink, error);
    } finally {
      Guard.exit();
    }
  }

  public static void resolve(String host) {
    Sink sink = SINK;
    if (sink == null || host == null || !Guard.enter()) {
      return;
    }
    try {
      sink.resolve(host);
    } catch (BlockedException blocked) {
      throw blocked;
    } catch (Throwable error) {
      failOpen(sink, error);
    } finally {
      Guard.exit();
    }
  }

  public static void library(String path, Class<?> caller) {
    Sink sink = SINK;
    if (sink == null || path == null || !Guard.enter()) {
      return;
    }
    try {
      sink.library(path, caller == null ? null : caller.getName());
    } catch (BlockedException blocked) {
      throw blocked;
    } catch (Throwable error) {
      failOpen(sink, error);
    } finally {
      Guard.exit();
    }
  }

  /**
   * Entry of the function's handler. Never throws, in any mode: the invocation lifecycle must not
   * change the function's behaviour.
   */
  public static Object handlerEntered(Object handler, Object[] arguments) {
    Sink sink = SINK;
    if (sink == null || !Guard.enter()) {
      return null;
    }
    try {
      return sink.handlerEntered(handler, arguments);
    } catch (Throwable error) {
      failOpen(sink, error);
      return null;
    } finally {
      Guard.exit();
    }
  }

  public static void runtimeContextCreated(Object context) {
    Sink sink = SINK;
    if (sink == null || context == null || !Guard.enter()) {
      return;
    }
    try {
      sink.runtimeContextCreated(context);
    } catch (Throwable error) {
      failOpen(sink, error);
    } finally {
      Guard.exit();
    }
  }

  public static void handlerExited(Object token, Throwable thrown) {
    Sink sink = SINK;
    if (sink == null || token == null || !Guard.enter()) {
      return;
    }
    try {
      sink.handlerExited(token, thrown);
    } catch (Throwable error) {
      failOpen(sink, error);
    } finally {
      Guard.exit();
    }
  }

  public static void runtimeAwaitsNextEvent() {
    Sink sink = SINK;
    if (sink == null || !Guard.enter()) {
      return;
    }
    try {
      sink.runtimeAwaitsNextEvent();
    } catch (Throwable error) {
      failOpen(sink, error);
    } finally {
      Guard.exit();
    }
  }

  private static void failOpen(Sink sink, Throwable error) {
    try {
      sink.internalError(error);
    } catch (Throwable ignored) {
      // Reporting the error failed too; the function must still go on.
    }
  }
}
