package dev.warden.agent.hooks.handler;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import java.util.List;
import java.util.Set;
import net.bytebuddy.asm.Advice;

/**
 * The AWS Lambda runtime interface client's classes that Warden weaves for every function, checked
 * on aws-lambda-java-runtime-interface-client 2.10.1 (the client of the managed java17+ runtimes),
 * 2.6.0, 2.4.2 and 1.1.0.
 *
 * <ul>
 *   <li>{@code LambdaContext}: built for every invocation, on the thread that then runs the
 *       handler, whether or not the handler takes a Context: the invocation's identity for handlers
 *       that take none.
 *   <li>The stream adapters around POJO and {@code RequestHandler} handlers: the raw event.
 *   <li>The call that asks the Runtime API for the next event: from then on Lambda may freeze the
 *       environment, so the previous invocation's spans must be out by then, and no sooner.
 * </ul>
 */
public final class RuntimeClientHooks {
  public static final String LAMBDA_CONTEXT =
      "com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext";

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

  /** Client 2.5 and later: {@code nextInvocation()}, also behind the backoff variant. */
  static final String RUNTIME_API_CLIENT =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.LambdaRuntimeApiClientImpl";

  /** Client 1.x to 2.4: {@code waitForNextInvocation()}. */
  static final String LEGACY_RUNTIME_CLIENT =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.LambdaRuntimeClient";

  /** Every class {@link #hooksFor} has hooks for. */
  public static final Set<String> CLASSES =
      Set.of(
          LAMBDA_CONTEXT,
          STREAM_ADAPTERS.get(0),
          STREAM_ADAPTERS.get(1),
          RUNTIME_API_CLIENT,
          LEGACY_RUNTIME_CLIENT);

  private RuntimeClientHooks() {}

  /** The hooks for one runtime-client class, or an empty list. */
  public static List<Hook> hooksFor(String binaryName) {
    if (binaryName.equals(LAMBDA_CONTEXT)) {
      return List.of(new Hook(LAMBDA_CONTEXT, isConstructor(), ContextCreatedAdvice.class));
    }
    if (STREAM_ADAPTERS.contains(binaryName)) {
      return List.of(HandlerHooks.handlerMethod(binaryName, "handleRequest"));
    }
    if (binaryName.equals(RUNTIME_API_CLIENT)) {
      return List.of(
          new Hook(
              binaryName, named("nextInvocation").and(takesNoArguments()), NextEventAdvice.class));
    }
    if (binaryName.equals(LEGACY_RUNTIME_CLIENT)) {
      return List.of(
          new Hook(
              binaryName,
              named("waitForNextInvocation").and(takesNoArguments()),
              NextEventAdvice.class));
    }
    return List.of();
  }

  static final class ContextCreatedAdvice {
    @Advice.OnMethodExit
    static void exit(@Advice.This Object context) {
      Dispatcher.runtimeContextCreated(context);
    }
  }

  static final class NextEventAdvice {
    @Advice.OnMethodEnter
    static void enter() {
      Dispatcher.runtimeAwaitsNextEvent();
    }
  }
}
