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

  /** Called with an internal error of the agent, which must never break the function. */
  void internalError(Throwable error);
}
