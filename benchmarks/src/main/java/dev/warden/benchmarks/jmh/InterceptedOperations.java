package dev.warden.benchmarks.jmh;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One operation per benchmark, each through a JDK choke point that Warden intercepts. The runner
 * ({@link OperationsBench}) forks each one with no agent, with Warden in monitor mode and with
 * Warden in enforce mode under a policy that allows exactly these operations, and tells the fork
 * which of the three it is, so that {@link AgentCheck} can refuse to measure the wrong thing.
 *
 * <p>Public, as are the states: JMH's generated code lives in another package.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class InterceptedOperations {
  /** Directory of the files the benchmarks open, created by the runner under /tmp. */
  static final String FILES_PROPERTY = "warden.bench.files";

  static final String SMALL_FILE = "small.txt";
  static final String WRITTEN_FILE = "written.txt";
  static final String PROCESS = "/usr/bin/true";

  private String smallFile;
  private Path smallPath;
  private String writtenFile;

  @Setup(Level.Trial)
  public void checkConfigurationAndFindFiles() {
    AgentCheck.verify();
    String directory = System.getProperty(FILES_PROPERTY);
    if (directory == null) {
      throw new IllegalStateException("-D" + FILES_PROPERTY + " is not set; run OperationsBench");
    }
    smallPath = Path.of(directory, SMALL_FILE);
    smallFile = smallPath.toString();
    writtenFile = Path.of(directory, WRITTEN_FILE).toString();
  }

  @Benchmark
  public void fileInputStreamOpenClose() throws IOException {
    new FileInputStream(smallFile).close();
  }

  @Benchmark
  public void fileChannelOpenClose() throws IOException {
    FileChannel.open(smallPath, StandardOpenOption.READ).close();
  }

  @Benchmark
  public byte[] filesReadAllBytes() throws IOException {
    return Files.readAllBytes(smallPath);
  }

  /** Truncates an existing empty file: a write open, with no data written. */
  @Benchmark
  public void fileOutputStreamOpenClose() throws IOException {
    new FileOutputStream(writtenFile).close();
  }

  /**
   * Connect, accept and close both ends, all on the benchmark's thread: with a background acceptor,
   * a starved acceptor on a busy machine let the accept queue overflow, and the dropped SYN cost a
   * one-second retransmission that swamped the average. Accept is not intercepted; it is the same
   * cost in every configuration.
   */
  @Benchmark
  public void loopbackConnectClose(LoopbackServer server) throws IOException {
    try (Socket socket = new Socket()) {
      // Reset on close instead of TIME_WAIT: tens of thousands of connects a second would
      // otherwise run out of ephemeral ports within the first iteration.
      socket.setSoLinger(true, 0);
      socket.connect(server.address);
      server.listener.accept().close();
    }
  }

  /**
   * {@code getAllByName} of "localhost": the JDK's positive name cache answers it (the resolver,
   * which reads /etc/hosts, runs once per cache expiry, 30 s by default), so this measures the path
   * nearly every lookup of a known name takes. Warden judges each call, cached or not.
   */
  @Benchmark
  public InetAddress[] dnsLookupLocalhost() throws IOException {
    return InetAddress.getAllByName("localhost");
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int processStartTrueAndWait() throws IOException, InterruptedException {
    return new ProcessBuilder(PROCESS).start().waitFor();
  }

  /**
   * What a hook adds, without the operation around it: the call the advice woven into {@code
   * FileInputStream.open} makes ({@code WardenDispatcher.file}) for the same allowed file, whose
   * verdict is cached after the first call. The operation itself costs microseconds and varies by
   * more than this between runs, so this is the precise figure; with no agent it measures an empty
   * call.
   */
  @Benchmark
  public void addedByHookFileRead() throws Throwable {
    if (AddedPath.FILE != null) {
      AddedPath.FILE.invokeExact(AddedPath.FILE_READ, smallFile, (String) null);
    }
  }

  /** As {@link #addedByHookFileRead}, for the call woven into {@code sun.nio.ch.Net.connect}. */
  @Benchmark
  public void addedByHookConnect(LoopbackServer server) throws Throwable {
    if (AddedPath.NETWORK != null) {
      AddedPath.NETWORK.invokeExact(AddedPath.NET_CONNECT, server.loopback, server.port);
    }
  }

  /** The dispatcher's entry points, when the agent defined it into java.base (null otherwise). */
  static final class AddedPath {
    static final MethodHandle FILE;
    static final MethodHandle NETWORK;
    static final int FILE_READ;
    static final int NET_CONNECT;

    static {
      MethodHandle file = null;
      MethodHandle network = null;
      int fileRead = 0;
      int netConnect = 0;
      try {
        Class<?> dispatcher = Class.forName("java.lang.WardenDispatcher");
        Class<?> ops = Class.forName("java.lang.WardenOps");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        file =
            lookup.findStatic(
                dispatcher,
                "file",
                MethodType.methodType(void.class, int.class, String.class, String.class));
        network =
            lookup.findStatic(
                dispatcher,
                "network",
                MethodType.methodType(void.class, int.class, InetAddress.class, int.class));
        fileRead = ops.getField("FILE_READ").getInt(null);
        netConnect = ops.getField("NET_CONNECT").getInt(null);
      } catch (ReflectiveOperationException noAgent) {
        // the no-agent fork: the benchmarks measure an empty call
      }
      FILE = file;
      NETWORK = network;
      FILE_READ = fileRead;
      NET_CONNECT = netConnect;
    }
  }

  /** A listener on 127.0.0.1; the benchmark accepts its own connections. */
  @State(Scope.Benchmark)
  public static class LoopbackServer {
    InetSocketAddress address;
    InetAddress loopback;
    int port;
    ServerSocket listener;

    @Setup(Level.Trial)
    public void listen() throws IOException {
      loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      // Port 0: an ephemeral port, which Warden's bind rule leaves alone (no listener chosen).
      listener = new ServerSocket(0, 50, loopback);
      // An address without a host name: the connect is judged by address, with no lookup.
      port = listener.getLocalPort();
      address = new InetSocketAddress(loopback, port);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      listener.close();
    }
  }
}
