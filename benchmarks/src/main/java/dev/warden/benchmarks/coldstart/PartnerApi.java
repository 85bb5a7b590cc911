package dev.warden.benchmarks.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The quote service QuoteApiHandler calls ({@code API_BASE_URL}), on 127.0.0.1 and answering at
 * once, so that the function's own work is a real outbound HTTP call whose cost is the same in
 * every configuration.
 */
final class PartnerApi implements AutoCloseable {
  static final String QUOTE = "{\"symbol\":\"AMZN\",\"price\":187.42,\"currency\":\"USD\"}";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  PartnerApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/quotes", PartnerApi::quote);
    server.setExecutor(executor);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}, for {@code API_BASE_URL}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void quote(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = QUOTE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
