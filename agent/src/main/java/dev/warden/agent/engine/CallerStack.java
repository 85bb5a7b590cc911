package dev.warden.agent.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the stack says about who performed an operation. Walked only once a violation is decided.
 */
final class CallerStack {
  private static final int FRAMES = 8;
  private static final StackWalker WALKER = StackWalker.getInstance();

  private CallerStack() {}

  /** A few frames of the calling code, innermost first, without the JDK's and the agent's. */
  static List<String> summary() {
    return WALKER.walk(
        frames ->
            frames
                .filter(frame -> !isPlatformOrAgent(frame.getClassName()))
                .limit(FRAMES)
                .map(
                    frame ->
                        frame.getClassName()
                            + "."
                            + frame.getMethodName()
                            + ":"
                            + frame.getLineNumber())
                .collect(Collectors.toList()));
  }

  /**
   * True when the JVM is loading classes or resources (from jars and class directories): the JVM's
   * own class and module loading is never an alert.
   */
  static boolean insideClassLoading() {
    return WALKER.walk(
        frames ->
            frames.anyMatch(
                frame -> {
                  String name = frame.getClassName();
                  return name.startsWith("jdk.internal.loader.")
                      || name.equals("java.lang.ClassLoader")
                      || name.equals("java.net.URLClassLoader")
                      || name.equals("java.security.SecureClassLoader")
                      || name.startsWith("jdk.internal.module.");
                }));
  }

  /**
   * True when the code nearest to the operation (the innermost frame that is neither the JDK's nor
   * the agent's) is in the given package: the runtime client's own calls, not the handler's, which
   * always run with the runtime client further down the stack.
   */
  static boolean calledDirectlyFrom(String packagePrefix) {
    return WALKER.walk(
        frames ->
            frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(name -> !isPlatformOrAgent(name))
                .findFirst()
                .map(name -> name.startsWith(packagePrefix))
                .orElse(false));
  }

  private static boolean isPlatformOrAgent(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.")
        || className.startsWith("dev.warden.agent.");
  }
}
