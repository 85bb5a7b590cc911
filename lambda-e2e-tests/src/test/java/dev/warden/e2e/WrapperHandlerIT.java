package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.LocalLambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * handler-wrapper without the agent: the function's handler set to {@code
 * dev.warden.handler.WardenHandler} and {@code WARDEN_HANDLER} to the real one, handler-wrapper and
 * its libraries in the deployment package. Each invocation gets the same invocation span.
 */
class WrapperHandlerIT {
  private static final String NAME = "wrapper";

  @Test
  void theExplicitWrapperHandlerGivesInvocationSpansWithoutTheAgent() throws Exception {
    List<Path> classpath = new ArrayList<>(Functions.wrapperLibraries());
    classpath.add(Functions.samplesJar()); // the function; its forms need no other library
    try (OtlpReceiver receiver = new OtlpReceiver();
        LocalLambdaRuntime lambda =
            LocalLambdaRuntime.builder()
                .handler("dev.warden.handler.WardenHandler")
                .functionName(NAME)
                .region(Functions.REGION)
                .memoryMb(Functions.MEMORY_MB)
                .classpath(classpath)
                .environment(
                    Map.of(
                        "WARDEN_HANDLER",
                        "dev.warden.samples.forms.TypedHandler",
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        receiver.endpoint(),
                        // every invocation's span out before its response, not batched
                        "OTEL_BSP_SCHEDULE_DELAY",
                        "0",
                        "AWS_LAMBDA_LOG_STREAM_NAME",
                        Functions.logStream(NAME)))
                .timeout(Duration.ofSeconds(20))
                .build()) {
      lambda.start();
      List<Sent> sent = new ArrayList<>();
      for (Trigger trigger : Trigger.ALL) {
        sent.add(Sent.invoke(lambda, trigger.name(), trigger.event(), true));
      }
      assertTrue(lambda.awaitNextRequests(sent.size() + 1, Duration.ofSeconds(10)));
      String stderr = lambda.stderr();
      List<Executable> checks = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        Sent s = sent.get(i);
        Trigger trigger = Trigger.ALL.get(i);
        boolean cold = i == 0;
        checks.add(
            () -> {
              assertTrue(s.result().succeeded(), () -> s + "\n" + stderr);
              assertEquals("\"typed: nothing to do\"", s.result().response());
              ReceivedSpan span = Expect.theInvocationSpan(receiver, s);
              Expect.invocationSpan(span, s, trigger, cold, NAME, lambda.functionArn(), NAME);
            });
      }
      assertAll(checks);
    }
  }
}
