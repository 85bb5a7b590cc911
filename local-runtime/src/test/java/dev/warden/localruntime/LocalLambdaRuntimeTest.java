package dev.warden.localruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.InvocationResult.Outcome;
import dev.warden.localruntime.functions.BrokenInitHandler;
import dev.warden.localruntime.functions.ContextReportingHandler;
import dev.warden.localruntime.functions.GreetingPojo;
import dev.warden.localruntime.functions.SleepingHandler;
import dev.warden.localruntime.functions.ThrowingHandler;
import dev.warden.localruntime.functions.UppercaseStreamHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real runtime interface client, in a real JVM, against the local Runtime API. */
class LocalLambdaRuntimeTest {
  private static final String TRACE =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Test
  void requestHandlerSeesEventContextHeadersAndLambdasEnvironment() throws Exception {
    assertEquals(
        "leaked",
        System.getenv("WARDEN_LOCAL_RUNTIME_TEST_LEAK"),
        "surefire sets this variable in the test JVM, so that its absence below means something");
    try (LocalLambdaRuntime lambda =
        TestFunctions.runtime(ContextReportingHandler.class, "handleRequest")
            .functionName("probe")
            .memoryMb(256)
            .region("eu-west-1")
            .environment(Map.of("WARDEN_MODE", "enforce"))
            .javaToolOptions("-Dlocal.runtime.test=yes")
            .build()) {
      lambda.start();
      assertTrue(lambda.awaitInit(Duration.ofSeconds(30)), lambda::stderr);
      long beforeFirstInvoke = System.nanoTime();

      InvocationResult first =
          lambda.invoke(
              "{\"name\":\"world\"}",
              InvokeOptions.none()
                  .withRequestId("req-1")
                  .withTraceHeader(TRACE)
                  .withClientContext(
                      "{\"client\":{\"installation_id\":\"i\",\"app_title\":\"t\","
                          + "\"app_version_name\":\"1\",\"app_version_code\":\"1\","
                          + "\"app_package_name\":\"p\"},\"custom\":{\"tenant\":\"acme\"},"
                          + "\"env\":{}}")
                  .withCognitoIdentity(
                      "{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}"));

      assertEquals(Outcome.RESPONSE, first.outcome(), first::toString);
      assertTrue(first.coldStart());
      assertTrue(first.initDuration().isPresent());
      assertEquals("req-1", first.requestId());
      Map<String, String> seen = TestFunctions.report(first);
      assertEquals("world", seen.get("name"));
      assertEquals("req-1", seen.get("requestId"));
      long remaining = Long.parseLong(seen.get("remainingMillis"));
      assertTrue(remaining > 10_000 && remaining <= 20_000, "remaining " + remaining);
      assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:probe", seen.get("arn"));
      assertEquals(lambda.functionArn(), seen.get("arn"));
      assertEquals("probe", seen.get("functionName"));
      assertEquals("256", seen.get("memory"));
      assertEquals(TRACE, seen.get("trace"));
      assertEquals("acme", seen.get("clientContextTenant"));
      assertEquals("id-1", seen.get("identity"));
      assertEquals("1", seen.get("invocations"));
      assertEquals(seen.get("env.LAMBDA_TASK_ROOT"), seen.get("userDir"));
      assertEquals(
          "AWS_Lambda_java" + Runtime.version().feature(), seen.get("env.AWS_EXECUTION_ENV"));
      assertEquals("127.0.0.1:" + lambda.port(), seen.get("env.AWS_LAMBDA_RUNTIME_API"));
      assertEquals(":UTC", seen.get("env.TZ"));
      assertEquals("eu-west-1", seen.get("env.AWS_REGION"));
      assertEquals("enforce", seen.get("env.WARDEN_MODE"));
      assertEquals("-Dlocal.runtime.test=yes", seen.get("env.JAVA_TOOL_OPTIONS"));
      assertEquals("yes", seen.get("prop.fromToolOptions"));
      assertEquals("null", seen.get("env.NOT_PASSED"));
      assertTrue(lambda.stdout().contains("handling req-1"), lambda::stdout);

      InvocationResult second = lambda.invoke("{\"name\":\"again\"}");
      assertEquals(Outcome.RESPONSE, second.outcome(), second::toString);
      assertFalse(second.coldStart());
      assertTrue(second.initDuration().isEmpty());
      assertTrue(UUID.matcher(second.requestId()).matches(), second.requestId());
      Map<String, String> seenAgain = TestFunctions.report(second);
      assertEquals(second.requestId(), seenAgain.get("requestId"));
      assertEquals("2", seenAgain.get("invocations"));
      assertEquals(seen.get("pid"), seenAgain.get("pid"));
      assertEquals("null", seenAgain.get("trace"), "the RIC clears the trace property");

      // The function asks for event N+1 only after it has finished with event N.
      assertTrue(lambda.awaitNextRequests(3, Duration.ofSeconds(10)));
      List<Long> next = lambda.nextRequestNanos();
      assertEquals(3, next.size());
      assertEquals(3, lambda.nextRequestEpochMillis().size());
      assertTrue(next.get(0) < beforeFirstInvoke, "the first /next ends the init");
      assertTrue(next.get(1) > beforeFirstInvoke);
      assertTrue(next.get(1) < next.get(2));
    }
  }

  @Test
  void streamHandlerBodiesPassThroughAndTheApiRejectsUnknownRequests() throws Exception {
    try (LocalLambdaRuntime lambda =
        TestFunctions.runtime(UppercaseStreamHandler.class, null).build()) {
      lambda.start();
      InvocationResult result = lambda.invoke("{\"msg\": \"héllo\"}");
      assertEquals(Outcome.RESPONSE, result.outcome(), result::toString);
      assertEquals("{\"MSG\": \"HÉLLO\"}", result.response());

      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + lambda.port() + "/2018-06-01/runtime/";
      HttpResponse<String> unknownId =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "invocation/no-such-id/response"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, unknownId.statusCode());
      assertTrue(unknownId.body().contains("InvalidRequestID"), unknownId.body());
      HttpResponse<String> lateResult =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base + "invocation/" + result.requestId() + "/error"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, lateResult.statusCode(), "a finished invocation takes no second result");
      HttpResponse<String> unknownPath =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "nothing")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(405, unknownPath.statusCode());

      InvocationResult after = lambda.invoke("[1]");
      assertEquals("[1]", after.response());
      assertFalse(after.coldStart());
    }
  }

  /**
   * Waiting for an invocation must not leave work behind for when the function JVM ends. The
   * surefire configuration runs this module's tests with a common pool of parallelism 1, as on a
   * 2-core machine, where CompletableFuture gives each asynchronous step a thread of its own: one
   * waiting step per invocation then started hundreds of threads at the JVM's end, on the cores a
   * benchmark's next launch was starting on.
   */
  @Test
  void aLongRunLeavesNoWorkBehindForTheFunctionsEnd() throws Exception {
    assertEquals(
        1,
        java.util.concurrent.ForkJoinPool.getCommonPoolParallelism(),
        "set in this module's surefire configuration");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long startedBeforeEnd;
    try (LocalLambdaRuntime lambda =
        TestFunctions.runtime(UppercaseStreamHandler.class, null).build()) {
      lambda.start();
      for (int i = 0; i < 60; i++) {
        InvocationResult result = lambda.invoke("\"x\"");
        assertEquals("\"X\"", result.response(), result::toString);
      }
      startedBeforeEnd = threads.getTotalStartedThreadCount();
    }
    // Until no thread has started for half a second (the JVM's end is seen asynchronously).
    long started = threads.getTotalStartedThreadCount();
    long quietSince = System.nanoTime();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() - quietSince < Duration.ofMillis(500).toNanos()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      long now = threads.getTotalStartedThreadCount();
      if (now != started) {
        started = now;
        quietSince = System.nanoTime();
      }
    }
    assertTrue(
        started - startedBeforeEnd < 20,
        (started - startedBeforeEnd)
            + " threads started as the function JVM ended, 60 invocations");
  }

  @Test
  void pojoHandlerWithStringAndContext() {
    try (LocalLambdaRuntime lambda =
        TestFunctions.runtime(GreetingPojo.class, "greet").functionName("greeter").build()) {
      lambda.start();
      InvocationResult result = lambda.invoke("\"world\"");
      assertEquals(Outcome.RESPONSE, result.outcome(), result::toString);
      assertEquals("\"hello world from greeter\"", result.response());
    }
  }

  @Test
  void snapStartRestoresOnceBeforeTheFirstInvocation() {
    try (LocalLambdaRuntime lambda =
        TestFunctions.runtime(GreetingPojo.class, "greet")
            .functionName("snappy")
            .environment(java.util.Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"))
            .build()) {
      lambda.start();
      InvocationResult result = lambda.invoke("\"world\"");
      assertEquals(Outcome.RESPONSE, result.outcome(), result::toString);
      assertEquals("\"hello world from snappy\"", result.response());
      assertEquals(1, lambda.restores(), "the runtime client asked to be restored once");
    }
  }

  @Test
  void errorsAreReportedAsLambdaReportsThemAndAnExitIsFollowedByAColdStart() {
    try (LocalLambdaRuntime lambda = TestFunctions.runtime(ThrowingHandler.class, null).build()) {
      lambda.start();
      InvocationResult thrown = lambda.invoke("{\"action\":\"x\"}");
      assertEquals(Outcome.FUNCTION_ERROR, thrown.outcome(), thrown::toString);
      FunctionError error = thrown.error().orElseThrow();
      assertEquals("java.lang.IllegalStateException", error.type());
      assertEquals("boom: x", error.message());
      assertTrue(
          error.stackTrace().get(0).startsWith(ThrowingHandler.class.getName() + ".handleRequest("),
          error.stackTrace()::toString);
      assertEquals("Runtime.UserException", error.errorTypeHeader());
      assertTrue(error.json().startsWith("{\"errorMessage\":\"boom: x\""), error.json());

      InvocationResult fine = lambda.invoke("{\"action\":\"ok\"}");
      assertEquals("\"fine\"", fine.response());
      // The RIC logs an error after posting it, so only once it has asked for the next event.
      assertTrue(lambda.stdout().contains("java.lang.IllegalStateException: boom: x"));
      assertFalse(fine.coldStart(), "a handler's exception does not end the JVM");

      InvocationResult exited = lambda.invoke("{\"action\":\"exit\"}");
      assertEquals(Outcome.RUNTIME_EXIT, exited.outcome(), exited::toString);
      assertEquals("Runtime.ExitError", exited.errorType());
      assertTrue(exited.errorMessage().endsWith("exit status 3"), exited.errorMessage());
      assertFalse(lambda.isFunctionRunning());

      InvocationResult restarted = lambda.invoke("{\"action\":\"ok\"}");
      assertEquals("\"fine\"", restarted.response());
      assertTrue(restarted.coldStart());
    }
  }

  @Test
  void aTimeoutKillsTheJvmAndTheNextInvocationIsAColdStart() {
    try (LocalLambdaRuntime lambda =
        TestFunctions.runtime(SleepingHandler.class, null).timeout(Duration.ofSeconds(1)).build()) {
      lambda.start();
      InvocationResult warmUp = lambda.invoke("{}");
      assertEquals(Outcome.RESPONSE, warmUp.outcome(), warmUp::toString);
      long pid = lambda.functionPid().orElseThrow();

      InvocationResult timedOut = lambda.invoke("{\"sleepMillis\": 20000}");
      assertEquals(Outcome.TIMEOUT, timedOut.outcome(), timedOut::toString);
      assertEquals("Sandbox.Timedout", timedOut.errorType());
      assertEquals(
          "RequestId: " + timedOut.requestId() + " Error: Task timed out after 1.00 seconds",
          timedOut.errorMessage());
      assertTrue(timedOut.duration().toMillis() >= 1000, timedOut.duration()::toString);
      assertTrue(timedOut.duration().toMillis() < 5000, timedOut.duration()::toString);
      assertFalse(lambda.isFunctionRunning());
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

      InvocationResult after = lambda.invoke("{}");
      assertEquals(Outcome.RESPONSE, after.outcome(), after::toString);
      assertTrue(after.coldStart());
      assertNotEquals("\"pid=" + pid + "\"", after.response());
    }
  }

  @Test
  void aFailingStaticInitIsAnInitErrorAndEachInvokeTriesAgain() throws Exception {
    try (LocalLambdaRuntime lambda = TestFunctions.runtime(BrokenInitHandler.class, null).build()) {
      lambda.start();
      assertFalse(lambda.awaitInit(Duration.ofSeconds(30)));
      FunctionError initError = lambda.initError().orElseThrow();
      assertEquals("java.lang.ExceptionInInitializerError", initError.type());
      assertEquals("Runtime.BadFunctionCode", initError.errorTypeHeader());
      assertEquals("Error loading class " + BrokenInitHandler.class.getName(), initError.message());
      assertTrue(lambda.stdout().contains("cannot initialise: no configuration"), lambda::stdout);

      InvocationResult result = lambda.invoke("{}");
      assertEquals(Outcome.INIT_ERROR, result.outcome(), result::toString);
      assertTrue(result.coldStart());
      assertEquals("java.lang.ExceptionInInitializerError", result.errorType());
      assertNull(result.response());
    }
  }

  @Test
  void aFunctionInTheTaskRootIsLoadedFromThereAsLambdaLoadsIt() {
    try (LocalLambdaRuntime lambda =
        LocalLambdaRuntime.builder()
            .handler(ContextReportingHandler.class.getName() + "::handleRequest")
            .taskRoot(TestFunctions.classes())
            .build()) {
      lambda.start();
      InvocationResult result = lambda.invoke("{\"name\":\"from task root\"}");
      assertEquals(Outcome.RESPONSE, result.outcome(), () -> result + lambda.stdout());
      Map<String, String> seen = TestFunctions.report(result);
      assertEquals("from task root", seen.get("name"));
      assertEquals(TestFunctions.classes().toString(), seen.get("userDir"));
      assertEquals(TestFunctions.classes().toString(), seen.get("env.LAMBDA_TASK_ROOT"));
    }
  }

  @Test
  void theBuilderRejectsWhatLambdaWould() {
    assertThrows(IllegalArgumentException.class, () -> LocalLambdaRuntime.builder().build());
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalLambdaRuntime.builder().handler("a.B").memoryMb(64).build());
    assertThrows(
        IllegalStateException.class,
        () -> {
          try (LocalLambdaRuntime lambda = LocalLambdaRuntime.builder().handler("a.B").build()) {
            lambda.invoke("{}");
          }
        });
  }

  @Test
  void aRegisteredExtensionGetsTheRuntimeEndedWithSigtermAndNoneGetsItKilled(
      @org.junit.jupiter.api.io.TempDir Path directory) throws Exception {
    for (boolean register : new boolean[] {true, false}) {
      Path marker = directory.resolve("marker-" + register);
      try (LocalLambdaRuntime lambda =
          TestFunctions.runtime(
                  dev.warden.localruntime.functions.InternalExtensionHandler.class, null)
              .environment(
                  Map.of(
                      "REGISTER", Boolean.toString(register),
                      "SHUTDOWN_MARKER", marker.toString()))
              .build()) {
        lambda.start();
        InvocationResult result = lambda.invoke("{}");
        assertTrue(result.succeeded(), result::toString);
        assertEquals(
            "\"register after init: 403\"",
            result.response(),
            "extensions register during the init only");
      }
      assertEquals(
          register,
          Files.exists(marker),
          register
              ? "with an extension registered, SIGTERM first: the shutdown hook ran"
              : "without one, SIGKILL: no shutdown hook ran");
    }
  }
}
