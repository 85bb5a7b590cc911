package dev.warden.localruntime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (2018-06-01) on loopback, for one function at a time.
 *
 * <p>Each function JVM gets its own {@link Generation}: a {@code /next} that was waiting in a JVM
 * that has since been killed holds the old generation's queue and can never take an event meant for
 * its successor.
 */
final class RuntimeApiServer implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String EXTENSION_PREFIX = "/2020-01-01/extension/";
  private final java.util.concurrent.atomic.AtomicInteger restores =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final Pattern INVOCATION_RESULT =
      Pattern.compile("/2018-06-01/runtime/invocation/([^/]+)/(response|error)");
  private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService executor;
  private final String functionArn;
  private final Map<String, PendingInvocation> inFlight = new ConcurrentHashMap<>();
  private final List<long[]> nextArrivals = new ArrayList<>(); // {nanoTime, epochMillis}
  private volatile Generation current;
  private volatile boolean closed;

  /** One function JVM's view of the server: its queue, its first /next, its init error. */
  static final class Generation {
    final BlockingQueue<PendingInvocation> queue = new LinkedBlockingQueue<>();
    volatile long firstNextNanos;
    volatile FunctionError initError;
    volatile boolean retired;
    final AtomicInteger delivered = new AtomicInteger();

    /** Extensions registered during init (id to name), and those that then asked for events. */
    final Map<String, String> extensions = new ConcurrentHashMap<>();

    final Set<String> extensionsReady = ConcurrentHashMap.newKeySet();

    /** Whether an extension registered: Lambda then ends the runtime with SIGTERM first. */
    boolean hasExtensions() {
      return !extensions.isEmpty();
    }

    /** Init is over once the runtime and every registered extension have asked for an event. */
    boolean extensionsReady() {
      return extensionsReady.containsAll(extensions.keySet());
    }
  }

  RuntimeApiServer(String functionArn) throws IOException {
    this.functionArn = functionArn;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    AtomicInteger threads = new AtomicInteger();
    // /next blocks while /response arrives on another connection: handlers need their own threads.
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-runtime-api-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(PREFIX, this::handle);
    server.createContext(EXTENSION_PREFIX, this::handleExtension);
    this.current = new Generation();
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Starts a new generation for a function JVM about to be launched. */
  Generation newGeneration() {
    Generation old = current;
    old.retired = true;
    Generation next = new Generation();
    current = next;
    return next;
  }

  /** Queues an invocation for the current generation's {@code /next}. */
  void enqueue(Generation generation, PendingInvocation invocation) {
    inFlight.put(invocation.requestId, invocation);
    generation.queue.add(invocation);
  }

  /** Forgets an invocation: a late post for it is answered 400, as for any unknown id. */
  void forget(PendingInvocation invocation) {
    inFlight.remove(invocation.requestId, invocation);
  }

  List<Long> nextArrivalNanos() {
    synchronized (nextArrivals) {
      return nextArrivals.stream().map(a -> a[0]).toList();
    }
  }

  List<Long> nextArrivalEpochMillis() {
    synchronized (nextArrivals) {
      return nextArrivals.stream().map(a -> a[1]).toList();
    }
  }

  /** Waits until at least {@code count} {@code /next} requests have arrived. */
  boolean awaitNextArrivals(int count, long timeoutMillis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    synchronized (nextArrivals) {
      while (nextArrivals.size() < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        nextArrivals.wait(left);
      }
      return true;
    }
  }

  /** How many times a SnapStart runtime client asked to be restored. */
  int restores() {
    return restores.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    // The arrival time is taken before anything else, so that it bounds what the function did
    // before it asked for the next event.
    long arrivalNanos = System.nanoTime();
    long arrivalMillis = System.currentTimeMillis();
    Generation generation = current;
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals(PREFIX + "invocation/next")) {
        if (!method.equals("GET")) {
          send(exchange, 405, error("Method not allowed", "MethodNotAllowed"));
          return;
        }
        recordNext(generation, arrivalNanos, arrivalMillis);
        next(exchange, generation);
        return;
      }
      if (path.equals(PREFIX + "restore/next") && method.equals("GET")) {
        // SnapStart (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start): the runtime client ran the
        // before-checkpoint hooks and waits to be restored. Lambda snapshots here and answers in
        // each restored copy; locally this JVM is that copy, restored at once.
        restores.incrementAndGet();
        send(exchange, 200, new byte[0]);
        return;
      }
      if (!method.equals("POST")) {
        send(exchange, 405, error("Method not allowed", "MethodNotAllowed"));
        return;
      }
      byte[] body = readAll(exchange.getRequestBody());
      if (path.equals(PREFIX + "init/error") || path.equals(PREFIX + "restore/error")) {
        generation.initError =
            FunctionError.fromPosted(
                new String(body, StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
        send(exchange, 202, ACCEPTED);
        return;
      }
      Matcher m = INVOCATION_RESULT.matcher(path);
      if (!m.matches()) {
        send(exchange, 404, error("Unknown endpoint: " + path, "NotFound"));
        return;
      }
      PendingInvocation invocation = inFlight.remove(m.group(1));
      if (invocation == null) {
        send(exchange, 400, error("Invalid request ID", "InvalidRequestID"));
        return;
      }
      PendingInvocation.Posted posted;
      if (m.group(2).equals("response")) {
        posted = new PendingInvocation.Posted(body, null, arrivalNanos);
      } else {
        FunctionError err =
            FunctionError.fromPosted(
                new String(body, StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
        posted = new PendingInvocation.Posted(null, err, arrivalNanos);
      }
      invocation.result.complete(posted);
      send(exchange, 202, ACCEPTED);
    }
  }

  private void recordNext(Generation generation, long nanos, long millis) {
    if (generation.firstNextNanos == 0) {
      generation.firstNextNanos = nanos;
    }
    synchronized (nextArrivals) {
      nextArrivals.add(new long[] {nanos, millis});
      nextArrivals.notifyAll();
    }
  }

  /**
   * The Extensions API, as far as an extension inside the function's own process uses it (an
   * internal extension): it registers during init, for no events, and asks for its next event,
   * which never comes. What it gains is the shutdown phase: Lambda ends a runtime with a registered
   * extension with SIGTERM (and 500 ms to exit) rather than SIGKILL alone (see {@link
   * LocalLambdaRuntime#close}).
   */
  private void handleExtension(HttpExchange exchange) throws IOException {
    Generation generation = current;
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals(EXTENSION_PREFIX + "register") && method.equals("POST")) {
        register(exchange, generation, readAll(exchange.getRequestBody()));
        return;
      }
      if (path.equals(EXTENSION_PREFIX + "event/next") && method.equals("GET")) {
        String id = exchange.getRequestHeaders().getFirst("Lambda-Extension-Identifier");
        if (id == null || !generation.extensions.containsKey(id)) {
          send(exchange, 403, error("Unknown extension identifier", "UnknownExtensionIdentifier"));
          return;
        }
        generation.extensionsReady.add(id);
        // No events were registered for: the answer never comes while the function runs.
        while (!closed && !generation.retired) {
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        send(exchange, 500, error("Runtime API stopped", "ServiceUnavailable"));
        return;
      }
      send(exchange, 404, error("Unknown endpoint: " + path, "NotFound"));
    }
  }

  private void register(HttpExchange exchange, Generation generation, byte[] body)
      throws IOException {
    String name = exchange.getRequestHeaders().getFirst("Lambda-Extension-Name");
    if (name == null || name.isBlank()) {
      send(exchange, 400, error("Lambda-Extension-Name is required", "InvalidRequest"));
      return;
    }
    if (generation.firstNextNanos != 0) {
      send(exchange, 403, error("Extensions register during init only", "RegistrationClosed"));
      return;
    }
    Object events;
    try {
      events = Json.parseObject(new String(body, StandardCharsets.UTF_8)).get("events");
    } catch (IllegalArgumentException malformed) {
      send(exchange, 400, error("Malformed registration: " + malformed, "InvalidRequest"));
      return;
    }
    if (!(events instanceof List<?> list) || !list.isEmpty()) {
      // INVOKE events to an extension are not emulated; SHUTDOWN is for external ones only.
      send(
          exchange,
          400,
          error(
              "This local runtime emulates extensions registered for no events", "InvalidRequest"));
      return;
    }
    String id = java.util.UUID.randomUUID().toString();
    generation.extensions.put(id, name);
    String functionName = functionArn.substring(functionArn.lastIndexOf(':') + 1);
    exchange.getResponseHeaders().set("Lambda-Extension-Identifier", id);
    send(
        exchange,
        200,
        ("{\"functionName\":" + Json.quote(functionName) + ",\"functionVersion\":\"$LATEST\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private void next(HttpExchange exchange, Generation generation) throws IOException {
    PendingInvocation invocation = null;
    try {
      while (!generation.extensionsReady() && !closed && !generation.retired) {
        // Init ends only once every registered extension has asked for its next event too.
        Thread.sleep(5);
      }
      while (invocation == null) {
        if (closed || generation.retired) {
          // The JVM that asked is gone or going; nobody reads this answer.
          send(exchange, 500, error("Runtime API stopped", "ServiceUnavailable"));
          return;
        }
        invocation = generation.queue.poll(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long deadline = System.currentTimeMillis() + invocation.timeoutMillis;
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
    InvokeOptions options = invocation.options;
    if (options.traceHeader() != null) {
      headers.set("Lambda-Runtime-Trace-Id", options.traceHeader());
    }
    if (options.clientContext() != null) {
      headers.set("Lambda-Runtime-Client-Context", options.clientContext());
    }
    if (options.cognitoIdentity() != null) {
      headers.set("Lambda-Runtime-Cognito-Identity", options.cognitoIdentity());
    }
    invocation.deliveredNanos = System.nanoTime();
    generation.delivered.incrementAndGet();
    invocation.delivered.complete(deadline);
    send(exchange, 200, invocation.event);
  }

  private static byte[] error(String message, String type) {
    return ("{\"errorMessage\":" + Json.quote(message) + ",\"errorType\":" + Json.quote(type) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    // -1: no body; 0 would mean chunked, which we never use.
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
