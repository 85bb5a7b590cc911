package dev.warden.samples.vulnerable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Base64;
import java.util.Map;

/**
 * {@code GET /image?src=images/logo.png}: proxies an image from the configured CDN ({@code
 * IMAGE_BASE_URL}). SERVER-SIDE REQUEST FORGERY: the source is resolved against the CDN's URL, and
 * {@link URI#resolve} lets an absolute URL replace the base, so {@code src=http://<any host>/...}
 * makes the function fetch from anywhere it can reach — the Lambda Runtime API, a metadata service.
 *
 * <p>Handler: {@code dev.warden.samples.vulnerable.ImageProxyHandler}.
 */
public class ImageProxyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final URI cdn = URI.create(System.getenv("IMAGE_BASE_URL") + "/");

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String src = ApiGateway.queryParameter(event, "src");
    if (src == null) {
      return ApiGateway.response(400, "src is required");
    }
    try {
      HttpURLConnection connection = (HttpURLConnection) cdn.resolve(src).toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(2000);
      try {
        int status = connection.getResponseCode();
        InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
        return Map.of(
            "statusCode",
            status,
            "isBase64Encoded",
            true,
            "body",
            Base64.getEncoder().encodeToString(bytes));
      } finally {
        connection.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return ApiGateway.response(502, "cannot fetch the image");
    }
  }
}
