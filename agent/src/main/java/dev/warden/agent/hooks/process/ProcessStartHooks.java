package dev.warden.agent.hooks.process;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessImpl.start} is where {@code ProcessBuilder.start}, every {@code Runtime.exec}
 * overload and {@code ProcessBuilder.startPipeline} meet (checked on JDK 17.0.19 and 25.0.3).
 */
public final class ProcessStartHooks {
  private ProcessStartHooks() {}

  public static List<Hook> hooks() {
    return List.of(
        new Hook(
            "java.lang.ProcessImpl",
            named("start").and(isStatic()).and(takesArguments(5)),
            StartAdvice.class));
  }

  static final class StartAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String[] command, @Advice.Argument(2) String directory) {
      Dispatcher.process(command, directory);
    }
  }
}
