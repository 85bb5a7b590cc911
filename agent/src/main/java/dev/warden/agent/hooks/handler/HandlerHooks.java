package dev.warden.agent.hooks.handler;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The function's handler method, in whatever class declares it (the handler class or a base class),
 * in every form the Java runtime accepts: {@code RequestHandler}, {@code RequestStreamHandler} and
 * POJO methods with any parameters. Bridge methods are skipped: the runtime's call through the
 * interface reaches the real method once.
 */
public final class HandlerHooks {
  private HandlerHooks() {}

  public static Hook handlerMethod(String declaringClass, String methodName) {
    return new Hook(
        declaringClass,
        named(methodName).and(not(isBridge())).and(not(isAbstract())),
        InvocationAdvice.class);
  }

  static final class InvocationAdvice {
    @Advice.OnMethodEnter
    static Object enter(
        @Advice.This(optional = true) Object handler,
        @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object[] arguments) {
      Object[] values = arguments;
      Object token = Dispatcher.handlerEntered(handler, values);
      // Written back: a stream handler gets a fresh stream over the event Warden has read.
      arguments = values;
      return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
      Dispatcher.handlerExited(token, thrown);
    }
  }
}
