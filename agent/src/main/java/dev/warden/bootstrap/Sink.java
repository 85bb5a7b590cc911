package dev.warden.bootstrap;

import java.net.InetAddress;

/**
 * What the dispatcher hands each intercepted operation to: the agent's engine, which lives behind
 * this interface so that the bootstrap part stays JDK-only. An implementation throws {@link
 * BlockedException} to block the operation and nothing else.
 */
public interface Sink {
  void file(int op, String path, String otherPath);

  void process(String[] command, String directory);

  void network(int op, InetAddress address, int port);

  void resolve(String host);

  /**
   * @param path the library's file (canonical for {@code System.load}/{@code loadLibrary}) or a
   *     name the dynamic linker searches for
   * @param caller the class that asked, or null
   */
  void library(String path, String caller);

  /**
   * The function's handler was entered (outermost call on this thread only).
   *
   * @param handler the handler instance, or null for a static method
   * @param arguments the handler's arguments; an implementation may replace an element (a stream
   *     handler's input stream, once read) and the advice writes them back
   * @return a token for {@link #handlerExited}, or null when this call is not an invocation
   */
  Object handlerEntered(Object handler, Object[] arguments);

  /**
   * The Lambda runtime client created the Context of the invocation it is about to run on this
   * thread: the invocation's identity even for a handler that takes no Context.
   */
  void runtimeContextCreated(Object context);

  /** The handler returned ({@code thrown} null) or threw; called only with a non-null token. */
  void handlerExited(Object token, Throwable thrown);

  /**
   * The Lambda runtime client is about to ask for its next event, after posting the previous
   * invocation's response: from then on Lambda may freeze the environment.
   */
  void runtimeAwaitsNextEvent();

  /** Called with an internal error of the agent, which must never break the function. */
  void internalError(Throwable error);
}
