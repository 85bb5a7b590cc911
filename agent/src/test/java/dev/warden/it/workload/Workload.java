package dev.warden.it.workload;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Performs exactly one operation through one named JDK API path, then prints {@code RESULT ok},
 * {@code RESULT blocked <exception class> <message>} (a SecurityException, possibly wrapped by the
 * JDK as the cause of another exception) or {@code RESULT error <class> <message>} (exit 3).
 * Scenario-specific {@code PROBE key=value} lines report what really happened. JDK only.
 */
public final class Workload {
  static final byte[] PAYLOAD = "hello from workload\n".getBytes(StandardCharsets.UTF_8);

  /** A listener left open (strongly reachable, so no cleaner closes it) for probeAfter. */
  private static Object keepOpen;

  private Workload() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    int exit = 0;
    try {
      run(scenario, rest);
      System.out.println("RESULT ok");
    } catch (Throwable t) {
      exit = report(t);
    }
    probeAfter(scenario, rest);
    System.out.flush();
    System.exit(exit);
  }

  /**
   * Prints the RESULT line for a failed operation: {@code blocked} when a SecurityException is in
   * the cause chain (Warden's own preferred, as the JDK sometimes wraps it), else {@code error}.
   * Returns the exit code to use.
   */
  static int report(Throwable t) {
    SecurityException security = securityCause(t);
    if (security != null) {
      String via = security == t ? "" : " (wrapped in " + t.getClass().getName() + ")";
      System.out.println(
          "RESULT blocked " + security.getClass().getName() + " " + oneLine(security) + via);
      return 0;
    }
    System.out.println("RESULT error " + t.getClass().getName() + " " + oneLine(t));
    t.printStackTrace();
    return 3;
  }

  private static SecurityException securityCause(Throwable t) {
    SecurityException first = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SecurityException) {
        if (c.getClass().getName().equals("java.lang.WardenBlockedException")) {
          return (SecurityException) c;
        }
        if (first == null) {
          first = (SecurityException) c;
        }
      }
    }
    return first;
  }

  private static String oneLine(Throwable t) {
    return String.valueOf(t.getMessage()).replace('\n', ' ');
  }

  static void run(String scenario, String[] a) throws Exception {
    switch (scenario) {
      // ---- file reads: a = path
      case "FileInputStream" -> {
        try (InputStream in = new FileInputStream(a[0])) {
          probeBytes(in.readAllBytes().length);
        }
      }
      case "FileInputStream-File" -> {
        try (InputStream in = new FileInputStream(new File(a[0]))) {
          probeBytes(in.readAllBytes().length);
        }
      }
      case "FileReader" -> {
        try (Reader in = new FileReader(a[0], StandardCharsets.UTF_8)) {
          char[] buf = new char[8192];
          probeBytes(Math.max(0, in.read(buf)));
        }
      }
      case "RandomAccessFile-r" -> {
        try (RandomAccessFile f = new RandomAccessFile(a[0], "r")) {
          probeBytes(f.length());
        }
      }
      case "Files.newInputStream" -> {
        try (InputStream in = Files.newInputStream(Path.of(a[0]))) {
          probeBytes(in.readAllBytes().length);
        }
      }
      case "Files.readAllBytes" -> probeBytes(Files.readAllBytes(Path.of(a[0])).length);
      case "Files.readString" -> probeBytes(Files.readString(Path.of(a[0])).length());
      case "Files.readAllLines" -> probeBytes(Files.readAllLines(Path.of(a[0])).size());
      case "Files.lines" -> {
        try (Stream<String> lines = Files.lines(Path.of(a[0]))) {
          probeBytes(lines.count());
        }
      }
      case "Files.newBufferedReader" -> {
        try (BufferedReader in = Files.newBufferedReader(Path.of(a[0]))) {
          probeBytes(String.valueOf(in.readLine()).length());
        }
      }
      case "FileChannel.open-read" -> {
        try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.READ)) {
          probeBytes(ch.read(ByteBuffer.allocate(8192)));
        }
      }
      case "AsynchronousFileChannel.open-read" -> {
        try (AsynchronousFileChannel ch =
            AsynchronousFileChannel.open(Path.of(a[0]), StandardOpenOption.READ)) {
          probeBytes(ch.read(ByteBuffer.allocate(8192), 0).get(10, TimeUnit.SECONDS));
        }
      }
      case "Files.newByteChannel-read" -> {
        try (SeekableByteChannel ch = Files.newByteChannel(Path.of(a[0]))) {
          probeBytes(ch.read(ByteBuffer.allocate(8192)));
        }
      }
      // ---- file writes: a = path
      case "FileOutputStream" -> {
        try (OutputStream out = new FileOutputStream(a[0])) {
          out.write(PAYLOAD);
        }
      }
      case "FileOutputStream-append" -> {
        try (OutputStream out = new FileOutputStream(a[0], true)) {
          out.write(PAYLOAD);
        }
      }
      case "FileWriter" -> {
        try (Writer out = new FileWriter(a[0], StandardCharsets.UTF_8)) {
          out.write(new String(PAYLOAD, StandardCharsets.UTF_8));
        }
      }
      case "RandomAccessFile-rw" -> {
        try (RandomAccessFile f = new RandomAccessFile(a[0], "rw")) {
          f.write(PAYLOAD);
        }
      }
      case "Files.write" -> Files.write(Path.of(a[0]), PAYLOAD);
      case "Files.writeString" ->
          Files.writeString(Path.of(a[0]), new String(PAYLOAD, StandardCharsets.UTF_8));
      case "Files.newOutputStream" -> {
        try (OutputStream out = Files.newOutputStream(Path.of(a[0]))) {
          out.write(PAYLOAD);
        }
      }
      case "Files.newBufferedWriter" -> {
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(a[0]))) {
          out.write(new String(PAYLOAD, StandardCharsets.UTF_8));
        }
      }
      case "FileChannel.open-write" -> {
        try (FileChannel ch =
            FileChannel.open(
                Path.of(a[0]),
                StandardOpenOption.WRITE,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
          ch.write(ByteBuffer.wrap(PAYLOAD));
        }
      }
      case "AsynchronousFileChannel.open-write" -> {
        try (AsynchronousFileChannel ch =
            AsynchronousFileChannel.open(
                Path.of(a[0]), StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
          ch.write(ByteBuffer.wrap(PAYLOAD), 0).get(10, TimeUnit.SECONDS);
        }
      }
      case "Files.newByteChannel-write" -> {
        try (SeekableByteChannel ch =
            Files.newByteChannel(
                Path.of(a[0]), StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
          ch.write(ByteBuffer.wrap(PAYLOAD));
        }
      }
      // ---- other file-system changes
      case "Files.delete" -> Files.delete(Path.of(a[0]));
      case "File.delete" -> probe("returned", new File(a[0]).delete());
      case "Files.move" -> Files.move(Path.of(a[0]), Path.of(a[1]));
      case "File.renameTo" -> probe("returned", new File(a[0]).renameTo(new File(a[1])));
      case "Files.copy" -> Files.copy(Path.of(a[0]), Path.of(a[1]));
      case "Files.createLink" -> Files.createLink(Path.of(a[0]), Path.of(a[1]));
      case "Files.createSymbolicLink" -> Files.createSymbolicLink(Path.of(a[0]), Path.of(a[1]));
      case "Files.createDirectory" -> Files.createDirectory(Path.of(a[0]));
      case "File.mkdir" -> probe("returned", new File(a[0]).mkdir());
      case "File.createNewFile" -> probe("returned", new File(a[0]).createNewFile());
      case "File.createTempFile" ->
          probe("created", File.createTempFile("wdn", ".tmp", new File(a[0])));
      // ---- processes: a = command
      case "ProcessBuilder.start" -> waitFor(new ProcessBuilder(a).inheritIO().start());
      case "Runtime.exec-String" -> waitFor(Runtime.getRuntime().exec(String.join(" ", a)));
      case "Runtime.exec-array" -> waitFor(Runtime.getRuntime().exec(a));
      case "ProcessBuilder.startPipeline" -> {
        List<Process> processes = ProcessBuilder.startPipeline(List.of(new ProcessBuilder(a)));
        waitFor(processes.get(processes.size() - 1));
      }
      // ---- TCP: a = host port
      case "Socket.connect" -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(a[0], Integer.parseInt(a[1])), 5000);
          s.getOutputStream().write(PAYLOAD);
        }
      }
      case "Socket-constructor" -> {
        try (Socket s = new Socket(a[0], Integer.parseInt(a[1]))) {
          s.getOutputStream().write(PAYLOAD);
        }
      }
      case "SocketChannel.connect-blocking" -> {
        try (SocketChannel ch = SocketChannel.open()) {
          ch.connect(new InetSocketAddress(a[0], Integer.parseInt(a[1])));
          ch.write(ByteBuffer.wrap(PAYLOAD));
        }
      }
      case "SocketChannel.open-address" -> {
        try (SocketChannel ch =
            SocketChannel.open(new InetSocketAddress(a[0], Integer.parseInt(a[1])))) {
          ch.write(ByteBuffer.wrap(PAYLOAD));
        }
      }
      case "SocketChannel.connect-nonblocking" -> {
        try (SocketChannel ch = SocketChannel.open()) {
          ch.configureBlocking(false);
          boolean connected = ch.connect(new InetSocketAddress(a[0], Integer.parseInt(a[1])));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (!connected && System.nanoTime() < deadline) {
            connected = ch.finishConnect();
            if (!connected) {
              Thread.sleep(5);
            }
          }
          ch.configureBlocking(true);
          ch.write(ByteBuffer.wrap(PAYLOAD));
        }
      }
      case "AsynchronousSocketChannel.connect" -> {
        try (AsynchronousSocketChannel ch = AsynchronousSocketChannel.open()) {
          ch.connect(new InetSocketAddress(a[0], Integer.parseInt(a[1]))).get(5, TimeUnit.SECONDS);
          ch.write(ByteBuffer.wrap(PAYLOAD)).get(5, TimeUnit.SECONDS);
        }
      }
      case "HttpURLConnection" -> {
        HttpURLConnection c = (HttpURLConnection) URI.create(a[0]).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
          probe("body", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      case "HttpClient" -> {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(a[0])).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        probe("body", response.body());
      }
      // ---- UDP: a = host port
      case "DatagramSocket.send" -> {
        try (DatagramSocket s = new DatagramSocket()) {
          s.send(datagram(a));
        }
      }
      case "DatagramSocket.connect" -> {
        try (DatagramSocket s = new DatagramSocket()) {
          s.connect(new InetSocketAddress(a[0], Integer.parseInt(a[1])));
          s.send(new DatagramPacket(PAYLOAD, PAYLOAD.length));
        }
      }
      case "MulticastSocket.send" -> {
        try (MulticastSocket s = new MulticastSocket()) {
          s.send(datagram(a));
        }
      }
      case "DatagramChannel.send" -> {
        try (DatagramChannel ch = DatagramChannel.open()) {
          ch.send(ByteBuffer.wrap(PAYLOAD), new InetSocketAddress(a[0], Integer.parseInt(a[1])));
        }
      }
      case "DatagramChannel.connect" -> {
        try (DatagramChannel ch = DatagramChannel.open()) {
          ch.connect(new InetSocketAddress(a[0], Integer.parseInt(a[1])));
          ch.write(ByteBuffer.wrap(PAYLOAD));
        }
      }
      // ---- listening: a = host port
      case "ServerSocket.bind" -> {
        ServerSocket s = new ServerSocket();
        keepOpen = s;
        s.bind(new InetSocketAddress(a[0], Integer.parseInt(a[1])));
      }
      case "ServerSocketChannel.bind" -> {
        java.nio.channels.ServerSocketChannel s = java.nio.channels.ServerSocketChannel.open();
        keepOpen = s;
        s.bind(new InetSocketAddress(a[0], Integer.parseInt(a[1])));
      }
      // ---- DNS: a = name
      case "InetAddress.getByName" ->
          probe("address", InetAddress.getByName(a[0]).getHostAddress());
      case "InetAddress.getAllByName" ->
          probe("address", InetAddress.getAllByName(a[0])[0].getHostAddress());
      // ---- native libraries: a = path or name
      case "System.load" -> System.load(a[0]);
      case "Runtime.load" -> Runtime.getRuntime().load(a[0]);
      case "System.loadLibrary" -> System.loadLibrary(a[0]);
      case "SymbolLookup.libraryLookup" -> libraryLookup(Path.of(a[0]));
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }

  /** After the operation, whatever happened: report effects visible from inside the process. */
  private static void probeAfter(String scenario, String[] a) {
    try {
      if (scenario.endsWith("bind")) {
        probe("listening", isListening(Integer.parseInt(a[1])));
      } else if (scenario.startsWith("System.load")
          || scenario.endsWith(".load")
          || scenario.equals("SymbolLookup.libraryLookup")) {
        String maps = Files.readString(Path.of("/proc/self/maps"));
        String name = scenario.equals("System.loadLibrary") ? "lib" + a[0] + ".so" : a[0];
        probe("mapped", maps.contains(name));
      }
    } catch (Exception e) {
      probe("probe-error", e);
    }
  }

  private static boolean isListening(int port) throws Exception {
    String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
    for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      for (String line : Files.readAllLines(Path.of(file))) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length > 3 && cols[1].endsWith(hexPort) && cols[3].equals("0A")) {
          return true;
        }
      }
    }
    return false;
  }

  private static void libraryLookup(Path library) throws Exception {
    Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
    Object arena = arenaClass.getMethod("global").invoke(null);
    Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
    Method libraryLookup = lookupClass.getMethod("libraryLookup", Path.class, arenaClass);
    try {
      libraryLookup.invoke(null, library, arena);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  private static DatagramPacket datagram(String[] a) {
    return new DatagramPacket(
        PAYLOAD, PAYLOAD.length, new InetSocketAddress(a[0], Integer.parseInt(a[1])));
  }

  private static void waitFor(Process process) throws InterruptedException {
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("child process did not exit");
    }
    probe("exit", process.exitValue());
  }

  private static void probeBytes(long n) {
    probe("bytes", n);
  }

  static void probe(String key, Object value) {
    System.out.println("PROBE " + key + "=" + String.valueOf(value).replace('\n', ' '));
  }
}
