package dev.warden.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

  private static String alertLogText(String name) {
    try {
      return new AlertLogFile(logs.resolve(name + ".log")).text();
    } catch (java.io.IOException e) {
      return e.toString();
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
      Sent secretRead = Sent.action(lambda, "read-environ", true);
      assertTrue(
          lambda.awaitNextRequests(sent.size() + 2, Duration.ofSeconds(10)),
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
      checks.add(
          () -> {
            // an alert inside the invocation is its child span, whatever the handler's form
            assertTrue(secretRead.result().succeeded(), () -> secretRead + "\n" + output);
            ReceivedSpan invocation = Expect.theInvocationSpan(receiver, secretRead);
            List<ReceivedSpan> alerts = Expect.alertSpans(receiver, secretRead);
            assertEquals(
                1,
                alerts.stream()
                    .filter(a -> "file.secret-read".equals(a.attribute("warden.rule")))
                    .count(),
                () ->
                    "one file.secret-read alert span in its trace "
                        + Expect.describe(alerts)
                        + "\nalert spans of this function elsewhere: "
                        + Expect.describe(
                            receiver.spans(
                                x -> x.isAlert() && name.equals(x.resource().get("faas.name"))))
                        + "\nits alert log: "
                        + alertLogText(name));
            for (ReceivedSpan alert : alerts) {
              Expect.alertSpan(alert, invocation, secretRead);
            }
          });
      assertAll(form + " (" + form.handler + ")", checks);
    }
  }
}
