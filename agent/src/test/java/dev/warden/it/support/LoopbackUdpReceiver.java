package dev.warden.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/** A UDP socket on 127.0.0.1 held by the test JVM; tells whether any datagram arrived. */
public final class LoopbackUdpReceiver implements AutoCloseable {
  private final DatagramSocket socket;

  public LoopbackUdpReceiver() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String hostPort() {
    return "127.0.0.1:" + port();
  }

  /** Counts the datagrams already queued, waiting at most a short bounded time for the first. */
  public int datagramsReceived() {
    int count = 0;
    byte[] buffer = new byte[2048];
    try {
      socket.setSoTimeout(300);
      while (true) {
        socket.receive(new DatagramPacket(buffer, buffer.length));
        count++;
        socket.setSoTimeout(50);
      }
    } catch (SocketTimeoutException e) {
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
