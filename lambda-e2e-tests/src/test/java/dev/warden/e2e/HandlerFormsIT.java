package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localruntime.LocalLambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every handler form the Java runtime accepts, each fed every trigger type through the real runtime
 * client: one invocation span per event with the FaaS attributes, the X-Ray parent, the trigger's
 * kind and attributes, the resource, and {@code faas.coldstart} on the first invocation only.
 */
class HandlerFormsIT {
  private static OtlpReceiver receiver;

  @TempDir static Path logs;

  enum Form {
    TYPED_HANDLER("dev.warden.samples.forms.TypedHandler", "typed: nothing to do"),
    STREAM_HANDLER("dev.warden.samples.forms.StreamHandler", "nothing to do"),
    POJO_WITH_CONTEXT(
        "dev.warden.samples.forms.PojoHandler::withContext", "pojo(event, context): nothing"),
    POJO_EVENT_ONLY("dev.warden.samples.forms.PojoHandler::eventOnly", "pojo(event): nothing"),
    POJO_NO_ARGUMENTS(
        "dev.warden.samples.forms.PojoHandler::noArguments", "pojo(): read"), // reads environ
    POJO_STREAMS("dev.warden.samples.forms.PojoHandler::streams", "pojo(streams): nothing"),
    INHERITED_HANDLER(
        "dev.warden.samples.forms.InheritedHandler::handle", "InheritedHandler via base: nothing");

    final String handler;
    final String response;

    Form(String handler, String response) {
      this.handler = handler;
      this.response = response;
    }
  }

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = new OtlpReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void oneInvocationSpanPerEventWithFaasAttributesAndXRayParent(Form form) throws Exception {
    String name = "forms-" + form.name().toLowerCase(Locale.ROOT).replace('_', '-');
    List<Sent> sent = new ArrayList<>();
    String arn;
    try (LocalLambdaRuntime lambda =
        Functions.withAgent(
                name, form.handler, receiver.endpoint(), logs.resolve(name + ".log"), Map.of())
            .build()) {
      lambda.start();
      arn = lambda.functionArn();
      for (Trigger trigger : Trigger.ALL) {
        sent.add(Sent.invoke(lambda, trigger.name(), trigger.event(), true));
      }
      assertTrue(
          lambda.awaitNextRequests(sent.size() + 1, Duration.ofSeconds(10)),
          "the function asked for the event after the last one");
      String output = lambda.stderr();
      List<Executable> checks = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        Sent s = sent.get(i);
        Trigger trigger = Trigger.ALL.get(i);
        boolean cold = i == 0;
        checks.add(
            () -> {
              assertTrue(s.result().succeeded(), () -> s + "\nfunction stderr:\n" + output);
              assertTrue(
                  s.result().response().contains(form.response),
                  () -> "the handler's own response: " + s.result().response());
              if (form == Form.STREAM_HANDLER) {
                // the agent saw the event without consuming the function's input stream
                assertTrue(
                    s.result().response().contains(s.event().length() + " chars"),
                    () -> "the stream handler read the whole event: " + s.result().response());
              }
              ReceivedSpan span = Expect.theInvocationSpan(receiver, s);
              Expect.invocationSpan(span, s, trigger, cold, name, arn, name);
            });
      }
      assertAll(form + " (" + form.handler + ")", checks);
    }
  }
}
