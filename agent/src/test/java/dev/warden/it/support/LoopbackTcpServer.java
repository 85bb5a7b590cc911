package dev.warden.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP listener on 127.0.0.1 held by the test JVM (never the forked one): counts accepted
 * connections and bytes received, so a test can tell whether a connection was really made.
 */
public final class LoopbackTcpServer implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();

  public LoopbackTcpServer() {
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::acceptLoop, "loopback-tcp-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public String hostPort() {
    return "127.0.0.1:" + port();
  }

  /** Connections accepted so far, after a short bounded wait for in-flight ones. */
  public int connections() {
    settle();
    return connections.get();
  }

  public long bytesReceived() {
    settle();
    return bytes.get();
  }

  private void settle() {
    try {
      Thread.sleep(150);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        Thread reader = new Thread(() -> drain(socket), "loopback-tcp-reader");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void drain(Socket socket) {
    try (socket;
        InputStream in = socket.getInputStream()) {
      socket.setSoTimeout(10_000);
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) > 0) {
        bytes.addAndGet(n);
      }
    } catch (SocketTimeoutException e) {
      // the client kept the connection open; what it sent is counted
    } catch (IOException e) {
      // reset by the peer's exit
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
