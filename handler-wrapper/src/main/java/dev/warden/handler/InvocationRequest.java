package dev.warden.handler;

/**
 * What Lambda says about one invocation, as plain values: what {@link InvocationLifecycle} needs
 * from the handler's {@code Context} and the trace header. The agent builds it by reading the
 * Context reflectively (it cannot link against the function's Context type); a handler holding a
 * Context can use {@link #of}.
 *
 * @param requestId the request id ({@code faas.invocation_id}), or null
 * @param functionName the function's name, or null for {@code AWS_LAMBDA_FUNCTION_NAME}
 * @param invokedFunctionArn the invoked ARN ({@code cloud.resource_id}), or null
 * @param xrayTraceHeader the X-Ray trace header of this invocation, or null
 */
public record InvocationRequest(
    String requestId, String functionName, String invokedFunctionArn, String xrayTraceHeader) {

  /** From the handler's Context; any getter that fails leaves its value null. */
  public static InvocationRequest of(
      com.amazonaws.services.lambda.runtime.Context context, String xrayTraceHeader) {
    if (context == null) {
      return new InvocationRequest(null, null, null, xrayTraceHeader);
    }
    return new InvocationRequest(
        safely(context::getAwsRequestId),
        safely(context::getFunctionName),
        safely(context::getInvokedFunctionArn),
        xrayTraceHeader);
  }

  private static String safely(java.util.function.Supplier<String> getter) {
    try {
      return getter.get();
    } catch (RuntimeException unavailable) {
      return null;
    }
  }
}
