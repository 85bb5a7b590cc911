package dev.warden.agent.lambda;

/**
 * What Lambda tells the function about one invocation, read from its {@code Context} and the trace
 * header, as plain values (the agent cannot link against the function's Context type).
 *
 * @param requestId {@code Context.getAwsRequestId()}
 * @param invokedFunctionArn {@code Context.getInvokedFunctionArn()}
 * @param traceHeader the X-Ray trace header of this invocation, or null
 */
public record InvocationFacts(String requestId, String invokedFunctionArn, String traceHeader) {}
