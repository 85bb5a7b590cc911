package dev.warden.e2e;

import dev.warden.localruntime.InvocationResult;
import dev.warden.localruntime.InvokeOptions;
import dev.warden.localruntime.LocalLambdaRuntime;
import java.util.UUID;

/** One invocation a test made: what it sent and what Lambda answered. */
record Sent(
    String label, String event, TraceHeader trace, String requestId, InvocationResult result) {

  /** Invokes with a fresh request id and a fresh X-Ray trace header. */
  static Sent invoke(LocalLambdaRuntime lambda, String label, String event, boolean sampled) {
    TraceHeader trace = TraceHeader.random(sampled);
    String requestId = UUID.randomUUID().toString();
    InvocationResult result =
        lambda.invoke(
            event, InvokeOptions.none().withRequestId(requestId).withTraceHeader(trace.value()));
    return new Sent(label, event, trace, requestId, result);
  }

  /** A direct invocation of a handler-form sample with {@code {"action": action}}. */
  static Sent action(LocalLambdaRuntime lambda, String action, boolean sampled) {
    return invoke(lambda, action, "{\"action\":\"" + action + "\"}", sampled);
  }

  String traceId() {
    return trace.traceId();
  }

  @Override
  public String toString() {
    return label + " " + requestId + " trace " + trace.value() + " -> " + result;
  }
}
