package dev.warden.localruntime;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a Java Lambda function locally on one or more events.
 *
 * <pre>
 * java -cp warden-local-runtime.jar dev.warden.localruntime.LocalRuntimeMain \
 *     --handler example.Handler::handleRequest --classpath target/function.jar \
 *     [--env WARDEN_MODE=enforce]... event1.json event2.json
 * </pre>
 *
 * <p>Each event's result goes to standard output, its request id and outcome first; the function's
 * own output goes to standard error. Exit status: 0 when every invocation returned a response, 1
 * when one ended in an error, 2 for a bad command line.
 */
public final class LocalRuntimeMain {
  static final String USAGE =
      String.join(
          "\n",
          "usage: LocalRuntimeMain --handler HANDLER --classpath CLASSPATH [options] EVENT.json...",
          "  --handler H               the function's handler: package.Class::method",
          "  --classpath CP            the function's jars and class directories, '"
              + File.pathSeparator
              + "'-separated",
          "  --java-home DIR           the JDK that runs the function (default: this one)",
          "  --env K=V                 an extra environment variable (repeatable)",
          "  --java-tool-options S     JAVA_TOOL_OPTIONS, e.g. -javaagent:/opt/warden/warden-agent.jar",
          "  --timeout-seconds N       the function's timeout (default 30)",
          "  --memory-mb N             the function's memory (default 512)",
          "  --function-name NAME      (default local-function)",
          "  --region REGION           (default us-east-1)",
          "  --task-root DIR           LAMBDA_TASK_ROOT and working directory (default: empty)",
          "  --runtime-client-dir DIR  the runtime interface client's jars (default: beside this"
              + " jar)");

  private LocalRuntimeMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command line without {@code System.exit}, for tests and embedding. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    LocalLambdaRuntime.Builder builder = LocalLambdaRuntime.builder();
    List<Path> events = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    String handler = null;
    String classpath = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> {
            out.println(USAGE);
            return 0;
          }
          case "--handler" -> handler = value(args, ++i, arg);
          case "--classpath", "-cp" -> classpath = value(args, ++i, arg);
          case "--java-home" -> builder.javaHome(Path.of(value(args, ++i, arg)));
          case "--java-tool-options" -> builder.javaToolOptions(value(args, ++i, arg));
          case "--timeout-seconds" ->
              builder.timeout(Duration.ofSeconds(positive(value(args, ++i, arg), arg)));
          case "--memory-mb" -> builder.memoryMb(positive(value(args, ++i, arg), arg));
          case "--function-name" -> builder.functionName(value(args, ++i, arg));
          case "--region" -> builder.region(value(args, ++i, arg));
          case "--task-root" -> builder.taskRoot(Path.of(value(args, ++i, arg)));
          case "--runtime-client-dir" -> {
            Path dir = Path.of(value(args, ++i, arg));
            try (var files = Files.list(dir)) {
              builder.runtimeClientClasspath(
                  files.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
            } catch (IOException e) {
              throw new UsageException(
                  "--runtime-client-dir " + dir + ": cannot list it (" + e + ")");
            }
          }
          case "--env" -> {
            String kv = value(args, ++i, arg);
            int eq = kv.indexOf('=');
            if (eq <= 0) {
              throw new UsageException("--env takes NAME=VALUE, not '" + kv + "'");
            }
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
          default -> {
            if (arg.startsWith("-") && !arg.equals("-")) {
              throw new UsageException("unknown option " + arg);
            }
            events.add(Path.of(arg));
          }
        }
      }
      if (handler == null) {
        throw new UsageException("--handler is required (e.g. --handler example.Handler::handle)");
      }
      if (classpath == null) {
        throw new UsageException("--classpath is required: the function's jars and classes");
      }
      if (events.isEmpty()) {
        throw new UsageException("no event file given");
      }
      List<String> eventBodies = new ArrayList<>();
      for (Path event : events) {
        if (Files.isDirectory(event) || !Files.isReadable(event)) {
          throw new UsageException("cannot read the event file " + event);
        }
        try {
          eventBodies.add(Files.readString(event, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UsageException("cannot read the event file " + event + ": " + e.getMessage());
        }
      }
      List<Path> cp = new ArrayList<>();
      for (String entry : classpath.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          Path p = Path.of(entry);
          if (!Files.exists(p)) {
            throw new UsageException("--classpath entry " + p + " does not exist");
          }
          cp.add(p);
        }
      }
      builder.handler(handler).classpath(cp).environment(env);
      return invokeAll(builder, events, eventBodies, out, err);
    } catch (UsageException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static int invokeAll(
      LocalLambdaRuntime.Builder builder,
      List<Path> events,
      List<String> bodies,
      PrintStream out,
      PrintStream err) {
    int status = 0;
    try (LocalLambdaRuntime lambda = builder.build()) {
      lambda.start();
      int stdoutShown = 0;
      int stderrShown = 0;
      for (int i = 0; i < events.size(); i++) {
        InvocationResult result = lambda.invoke(bodies.get(i));
        // The function's output for this event, before its result.
        String stdout = lambda.stdout();
        String stderr = lambda.stderr();
        err.print(stdout.substring(Math.min(stdoutShown, stdout.length())));
        err.print(stderr.substring(Math.min(stderrShown, stderr.length())));
        err.flush();
        stdoutShown = stdout.length();
        stderrShown = stderr.length();
        out.println(
            "== "
                + events.get(i)
                + " request "
                + result.requestId()
                + ": "
                + result.outcome()
                + (result.coldStart() ? " (cold start" : " (warm")
                + result.initDuration().map(d -> ", init " + d.toMillis() + " ms").orElse("")
                + ", "
                + result.duration().toMillis()
                + " ms)");
        out.println(result.body());
        out.flush();
        if (!result.succeeded()) {
          status = 1;
        }
      }
    }
    return status;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String value, String option) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " takes a positive whole number, not '" + value + "'");
  }

  private static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
