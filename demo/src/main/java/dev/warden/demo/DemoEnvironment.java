package dev.warden.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the sample functions need around them, all on loopback: the partner API and image CDN
 * stand-ins (one HTTP server on 127.0.0.1), a hosts file that answers every name the functions look
 * up (so no real resolver is ever asked), a task root with the {@code docs/} folder, and the built
 * agent and function jars.
 */
final class DemoEnvironment implements AutoCloseable {
  static final String QUOTES_HOST = "quotes.partner.example";
  static final String IMAGES_HOST = "images.cdn.example";
  static final String TENANT_HOST = "acme.tenants.internal";

  final Path root;
  final Path agentJar;
  final List<Path> functionClasspath;
  final Path eventsDirectory;
  final Path workDirectory;
  final Path taskRoot;
  final Path hostsFile;
  private final HttpServer standIn;

  DemoEnvironment(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.agentJar = this.root.resolve("agent/target/warden-agent.jar");
    Path functions = this.root.resolve("sample-functions/target");
    this.eventsDirectory = this.root.resolve("sample-functions/src/main/resources/events");
    requireFile(agentJar, "mvn -B package -DskipTests");
    Path functionJar = functions.resolve("warden-sample-functions-0.1.0-SNAPSHOT.jar");
    requireFile(functionJar, "mvn -B package -DskipTests");
    List<Path> classpath = new ArrayList<>();
    classpath.add(functionJar);
    try (Stream<Path> libs = Files.list(functions.resolve("lib"))) {
      libs.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(classpath::add);
    }
    this.functionClasspath = List.copyOf(classpath);

    this.workDirectory = Files.createTempDirectory("warden-demo-");
    this.taskRoot = Files.createDirectories(workDirectory.resolve("task"));
    Path docs = Files.createDirectories(taskRoot.resolve("docs"));
    try (InputStream page = getClass().getResourceAsStream("/task-root/docs/getting-started.md")) {
      Files.write(docs.resolve("getting-started.md"), page.readAllBytes());
    }
    this.hostsFile = workDirectory.resolve("hosts");
    Files.writeString(
        hostsFile,
        "127.0.0.1 localhost " + QUOTES_HOST + " " + IMAGES_HOST + " " + TENANT_HOST + "\n");

    standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    standIn.createContext(
        "/v1/quotes",
        exchange ->
            reply(
                exchange,
                "application/json",
                "{\"symbol\":\"AMZN\",\"price\":187.42,\"currency\":\"USD\"}"
                    .getBytes(StandardCharsets.UTF_8)));
    standIn.createContext(
        "/images/",
        exchange ->
            reply(exchange, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n'}));
    standIn.start();
  }

  private static void requireFile(Path file, String build) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: build it first (" + build + ")");
    }
  }

  private static void reply(HttpExchange exchange, String type, byte[] body) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  int standInPort() {
    return standIn.getAddress().getPort();
  }

  /** The configuration every sample function gets, as its deployment would set it. */
  Map<String, String> functionConfiguration() {
    return Map.of(
        "API_BASE_URL", "http://" + QUOTES_HOST + ":" + standInPort(),
        "IMAGE_BASE_URL", "http://" + IMAGES_HOST + ":" + standInPort());
  }

  Path event(String function, String event) {
    return eventsDirectory.resolve(function).resolve(event + ".json");
  }

  @Override
  public void close() {
    standIn.stop(0);
    try (Stream<Path> paths = Files.walk(workDirectory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
