package dev.warden.agent.engine;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the stack says about who performed an operation. Walked only once a violation is decided.
 */
final class CallerStack {
  private static final int FRAMES = 8;
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static final Summary SUMMARY = new Summary();
  private static final ClassLoading CLASS_LOADING = new ClassLoading();

  private CallerStack() {}

  /** A few frames of the calling code, innermost first, without the JDK's and the agent's. */
  static List<String> summary() {
    return WALKER.walk(SUMMARY);
  }

  /**
   * True when the JVM is loading classes or resources (from jars and class directories): the JVM's
   * own class and module loading is never an alert.
   */
  static boolean insideClassLoading() {
    return WALKER.walk(CLASS_LOADING);
  }

  /**
   * True when the code nearest to the operation (the innermost frame that is neither the JDK's nor
   * the agent's) is in the given package: the runtime client's own calls, not the handler's, which
   * always run with the runtime client further down the stack.
   */
  static boolean calledDirectlyFrom(String packagePrefix) {
    return WALKER.walk(new NearestCallerIn(packagePrefix));
  }

  private static boolean isPlatformOrAgent(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.")
        || className.startsWith("dev.warden.agent.");
  }

  private static final class Summary implements Function<Stream<StackFrame>, List<String>> {
    @Override
    public List<String> apply(Stream<StackFrame> frames) {
      List<String> summary = new ArrayList<>();
      Iterator<StackFrame> iterator = frames.iterator();
      while (summary.size() < FRAMES && iterator.hasNext()) {
        StackFrame frame = iterator.next();
        if (!isPlatformOrAgent(frame.getClassName())) {
          summary.add(
              frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber());
        }
      }
      return summary;
    }
  }

  private static final class ClassLoading implements Function<Stream<StackFrame>, Boolean> {
    @Override
    public Boolean apply(Stream<StackFrame> frames) {
      Iterator<StackFrame> iterator = frames.iterator();
      while (iterator.hasNext()) {
        String name = iterator.next().getClassName();
        if (name.startsWith("jdk.internal.loader.")
            || name.equals("java.lang.ClassLoader")
            || name.equals("java.net.URLClassLoader")
            || name.equals("java.security.SecureClassLoader")
            || name.startsWith("jdk.internal.module.")) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class NearestCallerIn implements Function<Stream<StackFrame>, Boolean> {
    private final String packagePrefix;

    NearestCallerIn(String packagePrefix) {
      this.packagePrefix = packagePrefix;
    }

    @Override
    public Boolean apply(Stream<StackFrame> frames) {
      Iterator<StackFrame> iterator = frames.iterator();
      while (iterator.hasNext()) {
        String name = iterator.next().getClassName();
        if (!isPlatformOrAgent(name)) {
          return name.startsWith(packagePrefix);
        }
      }
      return false;
    }
  }
}
