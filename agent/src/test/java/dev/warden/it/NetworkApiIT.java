package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.Cases;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.LoopbackHttpServer;
import dev.warden.it.support.LoopbackTcpServer;
import dev.warden.it.support.LoopbackUdpReceiver;
import dev.warden.it.support.RunResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JDK path that connects, sends a datagram or listens, against listeners held by the test JVM
 * on 127.0.0.1, under a policy whose network section allows only another loopback port. In enforce,
 * the listener must see nothing at all.
 */
@Execution(ExecutionMode.CONCURRENT)
class NetworkApiIT {
  /** Allows a port nobody listens on, so the section is present but excludes the listeners. */
  private static final String POLICY = "{\"network\":{\"allow\":[\"127.0.0.1:9\"]}}";

  @TempDir Path tempDir;

  static Stream<Arguments> tcpPaths() {
    return Cases.onEveryJdk(
        "Socket.connect",
        "Socket-constructor",
        "SocketChannel.connect-blocking",
        "SocketChannel.open-address",
        "SocketChannel.connect-nonblocking",
        "AsynchronousSocketChannel.connect");
  }

  static Stream<Arguments> httpPaths() {
    return Cases.onEveryJdk("HttpURLConnection", "HttpClient");
  }

  /** Datagram paths and the operation the alert names: send without connect, or connect. */
  static Stream<Arguments> udpPaths() {
    return Cases.onEveryJdk(
        "DatagramSocket.send send",
        "DatagramSocket.connect connect",
        "MulticastSocket.send send",
        "DatagramChannel.send send",
        "DatagramChannel.connect connect");
  }

  static Stream<Arguments> listenPaths() {
    return Cases.onEveryJdk("ServerSocket.bind", "ServerSocketChannel.bind");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tcpPaths")
  void monitorConnectRunsAndAlerts(Jdk jdk, String api) throws IOException {
    try (LoopbackTcpServer server = new LoopbackTcpServer()) {
      RunResult run = run(jdk, "monitor", api, "127.0.0.1", server.port());
      run.assertOk();
      assertTrue(server.bytesReceived() > 0, () -> "nothing received" + run.describe());
      run.assertAlert("policy.network", "network", "connect", "alerted", server.hostPort());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tcpPaths")
  void enforceBlocksConnectBeforeAnyByte(Jdk jdk, String api) throws IOException {
    try (LoopbackTcpServer server = new LoopbackTcpServer()) {
      RunResult run = run(jdk, "enforce", api, "127.0.0.1", server.port());
      run.assertBlockedBy("policy.network");
      assertEquals(0, server.connections(), () -> "a connection was made" + run.describe());
      run.assertAlert("policy.network", "network", "connect", "blocked", server.hostPort());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("httpPaths")
  void monitorHttpRequestRunsAndAlerts(Jdk jdk, String api) {
    try (LoopbackHttpServer server = new LoopbackHttpServer()) {
      RunResult run = run(jdk, "monitor", api, server.url());
      run.assertOk();
      assertEquals("pong", run.probe("body"), run::describe);
      assertEquals(1, server.requests(), run::describe);
      run.assertAlert("policy.network", "network", "connect", "alerted", server.hostPort());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("httpPaths")
  void enforceBlocksHttpRequest(Jdk jdk, String api) {
    try (LoopbackHttpServer server = new LoopbackHttpServer()) {
      RunResult run = run(jdk, "enforce", api, server.url());
      // HttpClient may wrap the SecurityException (the workload reports the cause)
      run.assertBlockedBy("policy.network");
      assertEquals(0, server.requests(), () -> "the request reached the server" + run.describe());
      run.assertAlert("policy.network", "network", "connect", "blocked", server.hostPort());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("udpPaths")
  void monitorDatagramRunsAndAlerts(Jdk jdk, String apiAndOperation) {
    String[] parts = apiAndOperation.split(" ");
    try (LoopbackUdpReceiver receiver = new LoopbackUdpReceiver()) {
      RunResult run = run(jdk, "monitor", parts[0], "127.0.0.1", receiver.port());
      run.assertOk();
      assertEquals(1, receiver.datagramsReceived(), run::describe);
      run.assertAlert("policy.network", "network", parts[1], "alerted", receiver.hostPort());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("udpPaths")
  void enforceBlocksDatagram(Jdk jdk, String apiAndOperation) {
    String[] parts = apiAndOperation.split(" ");
    try (LoopbackUdpReceiver receiver = new LoopbackUdpReceiver()) {
      RunResult run = run(jdk, "enforce", parts[0], "127.0.0.1", receiver.port());
      run.assertBlockedBy("policy.network");
      assertEquals(0, receiver.datagramsReceived(), () -> "a datagram arrived" + run.describe());
      run.assertAlert("policy.network", "network", parts[1], "blocked", receiver.hostPort());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("listenPaths")
  void monitorListenRunsAndAlerts(Jdk jdk, String api) throws IOException {
    int port = freePort();
    RunResult run =
        AgentRun.on(jdk, tempDir).mode("monitor").workload(api, "127.0.0.1", port).run();
    run.assertOk();
    assertEquals("true", run.probe("listening"), run::describe);
    run.assertAlert("network.listen", "network", "bind", "alerted", "127.0.0.1:" + port);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("listenPaths")
  void enforceBlocksListen(Jdk jdk, String api) throws IOException {
    int port = freePort();
    RunResult run =
        AgentRun.on(jdk, tempDir).mode("enforce").workload(api, "127.0.0.1", port).run();
    run.assertBlockedBy("network.listen");
    assertEquals("false", run.probe("listening"), () -> "the socket listens" + run.describe());
    run.assertAlert("network.listen", "network", "bind", "blocked", "127.0.0.1:" + port);
  }

  private RunResult run(Jdk jdk, String mode, String api, Object... args) {
    return AgentRun.on(jdk, tempDir).mode(mode).policy(POLICY).workload(api, args).run();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return probe.getLocalPort();
    }
  }
}
