package dev.warden.localruntime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A local AWS Lambda for one function: the Runtime API (2018-06-01) on 127.0.0.1 and the real AWS
 * Lambda runtime interface client (RIC) in a separate JVM, with the environment Lambda gives it.
 *
 * <pre>{@code
 * try (LocalLambdaRuntime lambda = LocalLambdaRuntime.builder()
 *     .handler("example.Handler::handleRequest")
 *     .classpath(List.of(Path.of("target/classes")))
 *     .javaToolOptions("-javaagent:/opt/warden/warden-agent.jar")
 *     .build()) {
 *   lambda.start();
 *   InvocationResult result = lambda.invoke("{\"name\":\"x\"}");
 * }
 * }</pre>
 *
 * <p>Invocations run one at a time, as in one Lambda execution environment. An invocation that
 * outlives its timeout is reported as {@code Sandbox.Timedout} and its JVM is killed; the next
 * invocation starts a new one (a cold start). So does the next invocation after an init error or an
 * exit of the JVM.
 */
public final class LocalLambdaRuntime implements AutoCloseable {
  private static final String ACCOUNT = "123456789012";

  private final Builder config;
  private final List<Path> runtimeClientClasspath;
  private final Path taskRoot;
  private final Path logDirectory;
  private final boolean ownsTaskRoot;
  private final boolean ownsLogDirectory;
  private final Path stdoutFile;
  private final Path stderrFile;

  // Written under the lock by start, invoke and close; read without it, so that a caller can
  // watch the output, the /next record or the init error while another thread invokes.
  private volatile RuntimeApiServer server;
  private volatile FunctionProcess function;
  private volatile RuntimeApiServer.Generation latestGeneration;
  private volatile boolean closed;
  private volatile String finalStdout;
  private volatile String finalStderr;
  private Path jniLibrary;

  private LocalLambdaRuntime(Builder config) {
    this.config = config;
    this.runtimeClientClasspath =
        config.runtimeClientClasspath != null
            ? List.copyOf(config.runtimeClientClasspath)
            : RuntimeClient.locateClasspath();
    try {
      this.ownsTaskRoot = config.taskRoot == null;
      this.taskRoot =
          ownsTaskRoot
              ? Files.createTempDirectory("warden-task-root")
              : config.taskRoot.toAbsolutePath();
      this.ownsLogDirectory = config.logDirectory == null;
      this.logDirectory =
          ownsLogDirectory
              ? Files.createTempDirectory("warden-function-logs")
              : Files.createDirectories(config.logDirectory.toAbsolutePath());
      this.stdoutFile = logDirectory.resolve("stdout.log");
      this.stderrFile = logDirectory.resolve("stderr.log");
      Files.write(stdoutFile, new byte[0]);
      Files.write(stderrFile, new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the function's directories", e);
    }
    if (!Files.isDirectory(taskRoot)) {
      throw new IllegalArgumentException("The task root " + taskRoot + " is not a directory");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the Runtime API server and the function JVM, whose init (the cold start) then runs. Does
   * not wait for the init: {@link #awaitInit} does, and so does the first {@link #invoke}.
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("This runtime is closed");
    }
    if (server != null) {
      throw new IllegalStateException("Already started");
    }
    try {
      server = new RuntimeApiServer(functionArn());
      server.start();
      launchFunction();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the local Lambda runtime", e);
    }
  }

  /**
   * Waits until the function JVM has finished its init and asked for an event. Returns false if it
   * failed its init or exited instead (see {@link #initError()}), or the wait ran out.
   */
  public boolean awaitInit(Duration timeout) throws InterruptedException {
    FunctionProcess current;
    synchronized (this) {
      requireStarted();
      if (function == null) {
        return false;
      }
      current = function;
    }
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (current.generation.firstNextNanos != 0) {
        return true;
      }
      if (!current.isAlive()) {
        return current.generation.firstNextNanos != 0;
      }
      Thread.sleep(5);
    }
    return false;
  }

  /** Invokes the function with an event (a JSON document, passed through as UTF-8 bytes). */
  public InvocationResult invoke(String eventJson) {
    return invoke(eventJson, InvokeOptions.none());
  }

  /** Invokes the function with an event and the caller's headers (trace, request id, ...). */
  public synchronized InvocationResult invoke(String eventJson, InvokeOptions options) {
    requireStarted();
    Objects.requireNonNull(eventJson, "eventJson");
    Objects.requireNonNull(options, "options");
    try {
      return invokeStarted(eventJson.getBytes(StandardCharsets.UTF_8), options);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the function JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while invoking", e);
    }
  }

  private InvocationResult invokeStarted(byte[] event, InvokeOptions options)
      throws IOException, InterruptedException {
    if (function == null || !function.isAlive()) {
      if (function != null) {
        function.kill(); // reaps it
      }
      launchFunction();
    }
    FunctionProcess fn = function;
    boolean coldStart = fn.generation.delivered.get() == 0;
    String requestId =
        options.requestId() != null ? options.requestId() : UUID.randomUUID().toString();
    long timeoutMillis = config.timeout.toMillis();
    PendingInvocation invocation = new PendingInvocation(requestId, event, options, timeoutMillis);
    long invokeNanos = System.nanoTime();
    server.enqueue(fn.generation, invocation);
    try {
      // 1. The function takes the event: at once when warm, after its init when cold.
      if (!awaitEither(invocation.delivered, fn, config.initTimeout.toNanos())) {
        Duration waited = Duration.ofNanos(System.nanoTime() - invokeNanos);
        if (fn.isAlive()) {
          stopFunction();
          return new InvocationResult(
              requestId,
              InvocationResult.Outcome.TIMEOUT,
              null,
              FunctionError.fromLambda(
                  "Sandbox.Timedout",
                  "RequestId: "
                      + requestId
                      + " Error: Init timed out after "
                      + seconds(config.initTimeout.toMillis())
                      + " seconds"),
              waited,
              null,
              coldStart);
        }
        function = null;
        FunctionError initError = fn.generation.initError;
        if (initError != null) {
          return new InvocationResult(
              requestId,
              InvocationResult.Outcome.INIT_ERROR,
              null,
              initError,
              waited,
              Duration.ofNanos(System.nanoTime() - fn.launchNanos),
              coldStart);
        }
        return exited(requestId, fn, waited, null, coldStart);
      }
      Duration initDuration =
          coldStart ? Duration.ofNanos(fn.generation.firstNextNanos - fn.launchNanos) : null;

      // 2. Its result, before the deadline.
      long deliveredNanos = invocation.deliveredNanos;
      long deadlineNanos = deliveredNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      awaitEither(invocation.result, fn, deadlineNanos - System.nanoTime());
      PendingInvocation.Posted posted = invocation.result.getNow(null);
      if (posted != null) {
        Duration duration = Duration.ofNanos(posted.arrivalNanos() - deliveredNanos);
        return posted.error() == null
            ? new InvocationResult(
                requestId,
                InvocationResult.Outcome.RESPONSE,
                posted.response(),
                null,
                duration,
                initDuration,
                coldStart)
            : new InvocationResult(
                requestId,
                InvocationResult.Outcome.FUNCTION_ERROR,
                null,
                posted.error(),
                duration,
                initDuration,
                coldStart);
      }
      Duration duration = Duration.ofNanos(System.nanoTime() - deliveredNanos);
      if (!fn.isAlive()) {
        function = null;
        return exited(requestId, fn, duration, initDuration, coldStart);
      }
      stopFunction();
      return new InvocationResult(
          requestId,
          InvocationResult.Outcome.TIMEOUT,
          null,
          FunctionError.fromLambda(
              "Sandbox.Timedout",
              "RequestId: "
                  + requestId
                  + " Error: Task timed out after "
                  + seconds(timeoutMillis)
                  + " seconds"),
          duration,
          initDuration,
          coldStart);
    } finally {
      server.forget(invocation);
    }
  }

  private static InvocationResult exited(
      String requestId,
      FunctionProcess fn,
      Duration duration,
      Duration initDuration,
      boolean coldStart) {
    int status = fn.process.exitValue();
    return new InvocationResult(
        requestId,
        InvocationResult.Outcome.RUNTIME_EXIT,
        null,
        FunctionError.fromLambda(
            "Runtime.ExitError",
            "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + status),
        duration,
        initDuration,
        coldStart);
  }

  /** Waits for {@code future} or the JVM's exit; true if {@code future} completed. */
  private static boolean awaitEither(
      CompletableFuture<?> future, FunctionProcess fn, long timeoutNanos)
      throws InterruptedException {
    if (timeoutNanos > 0) {
      try {
        CompletableFuture.anyOf(future, fn.exit).get(timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // judged below
      }
    }
    if (!future.isDone() && !fn.isAlive()) {
      // The exit may have been seen first while the last post was still being handled.
      try {
        future.get(200, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // judged below
      }
    }
    return future.isDone();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
  }

  private void launchFunction() throws IOException {
    RuntimeApiServer.Generation generation = server.newGeneration();
    latestGeneration = generation;
    function =
        FunctionProcess.launch(
            command(), environment(), taskRoot, generation, stdoutFile, stderrFile);
  }

  /**
   * How long Lambda lets a runtime whose extensions are all internal exit after SIGTERM, when it
   * shuts an execution environment down.
   */
  static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);

  private void stopFunction() {
    if (function != null) {
      function.kill();
      function = null;
    }
  }

  List<String> command() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(config.javaHome.resolve("bin").resolve("java").toString());
    // The options Lambda's Java runtimes start the RIC with.
    command.add("-XX:MaxHeapSize=" + (config.memoryMb * 1024L * 85 / 100) + "k");
    // In Lambda the JVM sees the function's memory as the machine's (the container limit), and
    // sizes its initial heap and other defaults from it; here it would see the host's memory and
    // start with a heap many times larger, which changes when GC runs and so the memory figures.
    command.add("-XX:MaxRAM=" + config.memoryMb + "m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+TieredCompilation");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
    if (RuntimeClient.javaMajorVersion(config.javaHome) >= 22) {
      // The RIC loads its JNI library with System.load, a restricted method since JDK 24 (JEP 472).
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    if (jniLibrary == null) {
      jniLibrary = RuntimeClient.unpackJniLibrary(runtimeClientClasspath, nativeDirectory());
    }
    if (jniLibrary != null) {
      command.add("-D" + RuntimeClient.JNI_PROPERTY + "=" + jniLibrary);
    }
    command.addAll(config.jvmArguments);
    List<String> classpath = new ArrayList<>();
    runtimeClientClasspath.forEach(p -> classpath.add(p.toAbsolutePath().toString()));
    config.classpath.forEach(p -> classpath.add(p.toAbsolutePath().toString()));
    command.add("-classpath");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(RuntimeClient.MAIN_CLASS);
    command.add(config.handler);
    return command;
  }

  private Path nativeDirectory() {
    if (config.nativeLibraryDirectory != null) {
      return config.nativeLibraryDirectory;
    }
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "warden-local-runtime-" + user);
  }

  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String inherited : List.of("PATH", "HOME")) {
      String value = System.getenv(inherited);
      if (value != null) {
        env.put(inherited, value);
      }
    }
    env.put("LANG", Optional.ofNullable(System.getenv("LANG")).orElse("en_US.UTF-8"));
    env.put("TZ", ":UTC");
    env.put("_HANDLER", config.handler);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", runtimeDirectory().toString());
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.port());
    env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName);
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName);
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
    env.put("AWS_REGION", config.region);
    env.put("AWS_DEFAULT_REGION", config.region);
    env.put("AWS_EXECUTION_ENV", RuntimeClient.executionEnvironment(config.javaHome));
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    if (config.javaToolOptions != null) {
      env.put("JAVA_TOOL_OPTIONS", config.javaToolOptions);
    }
    env.putAll(config.environment); // the caller's word is last
    return env;
  }

  private Path runtimeDirectory() {
    return runtimeClientClasspath.stream()
        .filter(RuntimeClient::isRuntimeClientJar)
        .findFirst()
        .orElse(runtimeClientClasspath.isEmpty() ? taskRoot : runtimeClientClasspath.get(0))
        .toAbsolutePath()
        .getParent();
  }

  private static String logStreamName() {
    return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
        + "/[$LATEST]"
        + UUID.randomUUID().toString().replace("-", "");
  }

  /** {@code arn:aws:lambda:<region>:123456789012:function:<name>}. */
  public String functionArn() {
    return "arn:aws:lambda:" + config.region + ":" + ACCOUNT + ":function:" + config.functionName;
  }

  /** The Runtime API's port on 127.0.0.1 (the function sees {@code AWS_LAMBDA_RUNTIME_API}). */
  public int port() {
    requireStarted();
    return server.port();
  }

  /** The init error the latest function JVM posted to {@code /runtime/init/error}, if any. */
  /**
   * How many times the function asked to be restored from a SnapStart snapshot (set {@code
   * AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} in the environment): the runtime client then runs
   * the before-checkpoint hooks, asks for {@code /runtime/restore/next}, and runs the after-restore
   * hooks, as on Lambda.
   */
  public int restores() {
    RuntimeApiServer running = server;
    return running == null ? 0 : running.restores();
  }

  public Optional<FunctionError> initError() {
    RuntimeApiServer.Generation generation = latestGeneration;
    return generation == null ? Optional.empty() : Optional.ofNullable(generation.initError);
  }

  /** True while a function JVM is running. */
  public boolean isFunctionRunning() {
    FunctionProcess current = function;
    return current != null && current.isAlive();
  }

  /** The process id of the running function JVM, if one runs. */
  public Optional<Long> functionPid() {
    FunctionProcess current = function;
    return current != null && current.isAlive()
        ? Optional.of(current.process.pid())
        : Optional.empty();
  }

  /**
   * {@link System#nanoTime()} at the arrival of each {@code GET /runtime/invocation/next}, from
   * every function JVM of this runtime, in order. A function asks for event N+1 only after it has
   * finished with event N, so whatever it exported for N must have reached its receiver before the
   * (N+1)th arrival.
   */
  public List<Long> nextRequestNanos() {
    RuntimeApiServer s = serverOrNull();
    return s == null ? List.of() : s.nextArrivalNanos();
  }

  /** The same arrivals as {@link #nextRequestNanos()}, in epoch milliseconds. */
  public List<Long> nextRequestEpochMillis() {
    RuntimeApiServer s = serverOrNull();
    return s == null ? List.of() : s.nextArrivalEpochMillis();
  }

  /** Waits until at least {@code count} {@code /next} requests have arrived in all. */
  public boolean awaitNextRequests(int count, Duration timeout) throws InterruptedException {
    RuntimeApiServer s = serverOrNull();
    if (s == null) {
      throw new IllegalStateException("Not started");
    }
    return s.awaitNextArrivals(count, timeout.toMillis());
  }

  private RuntimeApiServer serverOrNull() {
    return server;
  }

  /**
   * Everything every function JVM of this runtime wrote to its standard output so far. What the
   * function wrote before posting its result is all there when {@link #invoke} returns; the RIC
   * logs an invocation's error after posting it, so that line is there once the function has asked
   * for its next event ({@link #awaitNextRequests}).
   */
  public String stdout() {
    return read(stdoutFile, true);
  }

  /** Everything every function JVM of this runtime wrote to its standard error so far. */
  public String stderr() {
    return read(stderrFile, false);
  }

  /** Where the function's standard output and error are appended ({@code stdout.log}, ...). */
  public Path logDirectory() {
    return logDirectory;
  }

  private String read(Path file, boolean isStdout) {
    if (closed && ownsLogDirectory) {
      return isStdout ? finalStdout : finalStderr;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the function's output " + file, e);
    }
  }

  private void requireStarted() {
    if (closed) {
      throw new IllegalStateException("This runtime is closed");
    }
    if (server == null) {
      throw new IllegalStateException("Call start() first");
    }
  }

  /**
   * Ends the function JVM as Lambda ends an execution environment (SIGKILL; SIGTERM first, with
   * {@link #SHUTDOWN_GRACE} to exit, if an extension registered), stops the server, and removes the
   * directories this runtime made.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (function != null) {
      function.shutDown(SHUTDOWN_GRACE);
      function = null;
    }
    if (server != null) {
      server.close();
    }
    finalStdout = read(stdoutFile, true);
    finalStderr = read(stderrFile, false);
    closed = true;
    if (ownsLogDirectory) {
      deleteTree(logDirectory);
    }
    if (ownsTaskRoot) {
      deleteTree(taskRoot);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }

  /** Configuration; only {@link #handler} is required. */
  public static final class Builder {
    private String handler;
    private List<Path> classpath = List.of();
    private List<Path> runtimeClientClasspath;
    private Path taskRoot;
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private Map<String, String> environment = Map.of();
    private String javaToolOptions;
    private String functionName = "local-function";
    private int memoryMb = 512;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration initTimeout = Duration.ofSeconds(30);
    private String region = "us-east-1";
    private List<String> jvmArguments = List.of();
    private Path nativeLibraryDirectory;
    private Path logDirectory;

    private Builder() {}

    /** {@code _HANDLER}: {@code package.Class::method}, or {@code package.Class}. */
    public Builder handler(String handler) {
      this.handler = handler;
      return this;
    }

    /**
     * The function's jars and class directories, put on the function JVM's class path after the
     * RIC's. (Lambda itself loads a function from the task root; see {@link #taskRoot}.)
     */
    public Builder classpath(List<Path> classpath) {
      this.classpath = List.copyOf(classpath);
      return this;
    }

    /**
     * The RIC and its dependencies; by default the jars the build copied to {@code
     * local-runtime/target/runtime-client/} (or {@code -Dwarden.runtimeClient.dir}).
     */
    public Builder runtimeClientClasspath(List<Path> jars) {
      this.runtimeClientClasspath = List.copyOf(jars);
      return this;
    }

    /**
     * {@code LAMBDA_TASK_ROOT} and the working directory. The RIC loads classes from it and from
     * its {@code lib/*.jar}, as in Lambda's {@code /var/task}. Default: a new empty directory.
     */
    public Builder taskRoot(Path taskRoot) {
      this.taskRoot = taskRoot;
      return this;
    }

    /** The JDK that runs the function; default: the one running this code. */
    public Builder javaHome(Path javaHome) {
      this.javaHome = javaHome;
      return this;
    }

    /** Extra variables (WARDEN_*, OTEL_*, ...); they override the ones Lambda sets. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** {@code JAVA_TOOL_OPTIONS}, e.g. {@code -javaagent:.../warden-agent.jar}. */
    public Builder javaToolOptions(String javaToolOptions) {
      this.javaToolOptions = javaToolOptions;
      return this;
    }

    /** Default {@code local-function}. */
    public Builder functionName(String functionName) {
      this.functionName = functionName;
      return this;
    }

    /** {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, and 85% of it as the maximum heap. Default 512. */
    public Builder memoryMb(int memoryMb) {
      this.memoryMb = memoryMb;
      return this;
    }

    /** The function's timeout, counted from when it takes the event. Default 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * How long an invocation waits for a JVM to take the event (its init, when cold). Default 30 s:
     * longer than Lambda's 10 s, since a local machine may be slower and tests must not flake.
     */
    public Builder initTimeout(Duration initTimeout) {
      this.initTimeout = initTimeout;
      return this;
    }

    /** {@code AWS_REGION} and {@code AWS_DEFAULT_REGION}; default {@code us-east-1}. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** JVM options added after Lambda's own (heap, GC, tiered compilation), before the class. */
    public Builder jvmArguments(List<String> jvmArguments) {
      this.jvmArguments = List.copyOf(jvmArguments);
      return this;
    }

    /**
     * Where the RIC's JNI library is unpacked; default {@code
     * <tmpdir>/warden-local-runtime-<user>}.
     */
    public Builder nativeLibraryDirectory(Path directory) {
      this.nativeLibraryDirectory = directory;
      return this;
    }

    /**
     * Where {@code stdout.log} and {@code stderr.log} are appended, and kept after {@link
     * #close()}; default: a temporary directory removed on close.
     */
    public Builder logDirectory(Path directory) {
      this.logDirectory = directory;
      return this;
    }

    public LocalLambdaRuntime build() {
      if (handler == null || handler.isBlank()) {
        throw new IllegalArgumentException("A handler is required, e.g. example.Handler::handle");
      }
      if (memoryMb < 128 || memoryMb > 10240) {
        throw new IllegalArgumentException(
            "memoryMb must be between 128 and 10240 (Lambda's limits), not " + memoryMb);
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, not " + timeout);
      }
      if (!Files.isExecutable(javaHome.resolve("bin").resolve("java"))) {
        throw new IllegalArgumentException(
            "No executable bin/java under the Java home " + javaHome);
      }
      return new LocalLambdaRuntime(this);
    }
  }
}
