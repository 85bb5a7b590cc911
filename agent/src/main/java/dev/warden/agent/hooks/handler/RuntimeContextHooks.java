package dev.warden.agent.hooks.handler;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Runtime-client classes. The AWS Lambda runtime interface client builds a {@code LambdaContext}
 * for every invocation, on the thread that then runs the handler, whether or not the handler takes
 * a Context (checked on aws-lambda-java-runtime-interface-client 2.10.1, the client of the managed
 * java17+ runtimes): the invocation's request id for handlers that take none.
 */
public final class RuntimeContextHooks {
  public static final String LAMBDA_CONTEXT =
      "com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext";

  private RuntimeContextHooks() {}

  /**
   * The runtime client's adapters that turn a POJO or {@code RequestHandler} handler into a stream
   * handler: they get the raw event and the Context of every invocation, before deserialisation.
   * Woven as invocation entries, they give every handler form the raw event (trigger
   * classification, event-injection checks) and the invocation's identity; the user's handler
   * method, called inside, is then a nested call.
   */
  public static final List<String> STREAM_ADAPTERS =
      List.of(
          "com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader$PojoHandlerAsStreamHandler",
          "com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader$StreamMethodRequestHandler");

  /** The hooks for one runtime-client class, or an empty list. */
  public static List<Hook> hooksFor(String binaryName) {
    if (binaryName.equals(LAMBDA_CONTEXT)) {
      return List.of(new Hook(LAMBDA_CONTEXT, isConstructor(), ContextCreatedAdvice.class));
    }
    if (STREAM_ADAPTERS.contains(binaryName)) {
      return List.of(HandlerHooks.handlerMethod(binaryName, "handleRequest"));
    }
    return List.of();
  }

  static final class ContextCreatedAdvice {
    @Advice.OnMethodExit
    static void exit(@Advice.This Object context) {
      Dispatcher.runtimeContextCreated(context);
    }
  }
}
