package dev.warden.samples.benign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An API Gateway handler ({@code GET /quotes?symbol=...}) that asks a partner API for a quote. The
 * partner's address comes from configuration ({@code API_BASE_URL}), never from the request; only
 * the symbol does, as a query value.
 *
 * <p>Handler: {@code dev.warden.samples.benign.QuoteApiHandler}; event: API Gateway proxy.
 */
public class QuoteApiHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final String apiBaseUrl = System.getenv("API_BASE_URL");

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Map<?, ?> query = (Map<?, ?>) event.get("queryStringParameters");
    String symbol = query == null ? null : (String) query.get("symbol");
    if (symbol == null || symbol.isBlank()) {
      return response(400, "{\"message\":\"symbol is required\"}");
    }
    URI uri =
        URI.create(
            apiBaseUrl + "/v1/quotes?symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8));
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(2000);
      try (InputStream in = connection.getInputStream()) {
        return response(200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return response(502, "{\"message\":\"quote service unavailable\"}");
    }
  }

  private static Map<String, Object> response(int status, String body) {
    return Map.of(
        "statusCode", status, "headers", Map.of("Content-Type", "application/json"), "body", body);
  }
}
