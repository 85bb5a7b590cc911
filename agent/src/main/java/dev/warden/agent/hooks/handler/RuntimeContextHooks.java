package dev.warden.agent.hooks.handler;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * The AWS Lambda runtime interface client builds a {@code LambdaContext} for every invocation, on
 * the thread that then runs the handler, whether or not the handler takes a Context (checked on
 * aws-lambda-java-runtime-interface-client 2.10.1, the client of the managed java17+ runtimes): the
 * invocation's request id for handlers that take none.
 */
public final class RuntimeContextHooks {
  public static final String LAMBDA_CONTEXT =
      "com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext";

  private RuntimeContextHooks() {}

  public static List<Hook> hooks() {
    return List.of(new Hook(LAMBDA_CONTEXT, isConstructor(), ContextCreatedAdvice.class));
  }

  static final class ContextCreatedAdvice {
    @Advice.OnMethodExit
    static void exit(@Advice.This Object context) {
      Dispatcher.runtimeContextCreated(context);
    }
  }
}
