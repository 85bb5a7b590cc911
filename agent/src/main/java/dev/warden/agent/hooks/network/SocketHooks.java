package dev.warden.agent.hooks.network;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.agent.hooks.Hook;
import dev.warden.bootstrap.Dispatcher;
import dev.warden.bootstrap.Ops;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Every TCP and UDP socket of the JDK is a {@code sun.nio.ch} socket since JDK 13/15: {@code
 * Socket} (and so {@code HttpURLConnection}), {@code SocketChannel} blocking and not, {@code
 * AsynchronousSocketChannel}, {@code java.net.http.HttpClient}, {@code DatagramSocket}, {@code
 * MulticastSocket} and {@code DatagramChannel} all connect through {@code Net.connect(family, fd,
 * address, port)} and bind through {@code Net.bind(family, fd, address, port)}; every datagram sent
 * to an explicit target, connected or not, goes through {@code DatagramChannelImpl}'s private
 * {@code send(fd, buffer, target)} (checked on JDK 17.0.19 and 25.0.3).
 */
public final class SocketHooks {
  private static final String NET = "sun.nio.ch.Net";

  private SocketHooks() {}

  public static List<Hook> hooks() {
    return List.of(
        new Hook(
            NET,
            named("connect")
                .and(isStatic())
                .and(takesArguments(4))
                .and(takesArgument(2, InetAddress.class)),
            ConnectAdvice.class),
        new Hook(
            NET,
            named("bind")
                .and(isStatic())
                .and(takesArguments(4))
                .and(takesArgument(2, InetAddress.class)),
            BindAdvice.class),
        new Hook(
            "sun.nio.ch.DatagramChannelImpl",
            named("send").and(takesArguments(3)).and(takesArgument(2, InetSocketAddress.class)),
            SendAdvice.class));
  }

  static final class ConnectAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(2) InetAddress address, @Advice.Argument(3) int port) {
      Dispatcher.network(Ops.NET_CONNECT, address, port);
    }
  }

  static final class BindAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(2) InetAddress address, @Advice.Argument(3) int port) {
      Dispatcher.network(Ops.NET_BIND, address, port);
    }
  }

  static final class SendAdvice {
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(2) InetSocketAddress target) {
      if (target != null) {
        Dispatcher.network(Ops.NET_SEND, target.getAddress(), target.getPort());
      }
    }
  }
}
