package dev.warden.benchmarks.referenceagents;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Issue 5's "bare Byte Buddy agent written the obvious way": an {@code AgentBuilder} with advice at
 * ten JDK choke points (a process start, the java.io and NIO file opens, a deletion, the two socket
 * connects, a name lookup and a native library load), with Byte Buddy's defaults wherever an agent
 * author would leave them: its type matching over every loaded class and its retransformation of
 * those already loaded. The issue states Warden's cold-start target as a third of this agent's cost
 * (and a fifteenth of the OpenTelemetry agent's); the bench runs it beside Warden, so that target
 * is checked within one run, whatever the machine's speed that hour.
 *
 * <p>The agent counted the calls. This one weaves the bare Byte Buddy agent's own advice
 * ({@link FloorAgent.OnEnter}, one trivial call) instead: a counter that advice inlined into {@code
 * java.base} could reach would have to be appended to the boot class path, which turns off class
 * data sharing for the application's classes ("Sharing is only supported for boot loader classes"):
 * the reference would cost more than its way of weaving does, and Warden's share of it would look
 * smaller.
 *
 * <p>Set BUILDER_AGENT_DEBUG=true to have premain print one line with how many classes it
 * transformed and how long {@code installOn} took; a class it fails to transform is always reported
 * on stderr, prefixed {@code [builder-agent] error}, and the bench fails the launch.
 */
public final class BuilderAgent {
  /** Class → the methods advised: the choke points, as an agent author would first pick them. */
  static final Map<String, String[]> CHOKE_POINTS =
      Map.of(
          "java.lang.ProcessImpl", new String[] {"start"},
          "java.io.FileInputStream", new String[] {"open"},
          "java.io.FileOutputStream", new String[] {"open"},
          "java.io.RandomAccessFile", new String[] {"open"},
          "sun.nio.fs.UnixFileSystemProvider", new String[] {"newByteChannel", "implDelete"},
          "sun.nio.ch.NioSocketImpl", new String[] {"connect"},
          "sun.nio.ch.SocketChannelImpl", new String[] {"connect"},
          "java.net.InetAddress", new String[] {"getAllByName"},
          "jdk.internal.loader.NativeLibraries", new String[] {"loadLibrary"});

  private BuilderAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    long started = System.nanoTime();
    AtomicInteger transformed = new AtomicInteger();
    AgentBuilder builder =
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .ignore(nameStartsWith("dev.warden.benchmarks.referenceagents."))
            .with(new Reporting(transformed));
    for (Map.Entry<String, String[]> point : CHOKE_POINTS.entrySet()) {
      builder =
          builder
              .type(named(point.getKey()))
              .transform(
                  new AgentBuilder.Transformer.ForAdvice()
                      .include(BuilderAgent.class.getClassLoader())
                      .advice(namedOneOf(point.getValue()), FloorAgent.OnEnter.class.getName()));
    }
    builder.installOn(instrumentation);
    if ("true".equals(System.getenv("BUILDER_AGENT_DEBUG"))) {
      System.err.println(
          "[builder-agent] premain: transformed "
              + transformed.get()
              + " classes, in "
              + (System.nanoTime() - started) / 1_000_000
              + " ms");
    }
  }

  private static final class Reporting extends AgentBuilder.Listener.Adapter {
    private final AtomicInteger transformed;

    Reporting(AtomicInteger transformed) {
      this.transformed = transformed;
    }

    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      transformed.incrementAndGet();
    }

    @Override
    public void onError(
        String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      System.err.println("[builder-agent] error transforming " + typeName + ": " + error);
    }
  }
}
