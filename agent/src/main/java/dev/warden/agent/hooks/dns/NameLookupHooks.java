package dev.warden.agent.hooks.dns;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Every lookup of a host name by {@code InetAddress} ({@code getByName}, {@code getAllByName},
 * {@code getLocalHost}, and so {@code InetSocketAddress}, sockets, URL connections and {@code
 * HttpClient}) passes the private {@code getAllByName0} that consults the cache and the resolver;
 * literal addresses never reach it. JDK 17 has {@code (String, InetAddress, boolean, boolean)}, JDK
 * 25 {@code (String, boolean)}; the other overloads there only delegate (checked on JDK 17.0.19 and
 * 25.0.3). Judged on every call, cached or not, so each lookup is seen.
 */
public final class NameLookupHooks {
  private NameLookupHooks() {}

  public static List<Hook> hooks() {
    return List.of(
        new Hook(
            "java.net.InetAddress",
            named("getAllByName0")
                .and(isPrivate())
                .and(takesArgument(0, String.class))
                .and(takesArguments(4).or(takesArguments(2))),
            LookupAdvice.class));
  }

  static final class LookupAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String host) {
      Dispatcher.resolve(host);
    }
  }
}
