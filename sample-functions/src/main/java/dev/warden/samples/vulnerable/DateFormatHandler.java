package dev.warden.samples.vulnerable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /time?format=%Y-%m-%d}: formats the server time with {@code date}, the query parameter
 * pasted into a shell command line. COMMAND INJECTION: {@code format=%F;id} runs {@code id} too.
 *
 * <p>Handler: {@code dev.warden.samples.vulnerable.DateFormatHandler}.
 */
public class DateFormatHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String format = ApiGateway.queryParameter(event, "format");
    if (format == null) {
      format = "%Y-%m-%dT%H:%M:%SZ";
    }
    try {
      Process date = new ProcessBuilder("sh", "-c", "date -u +" + format).start();
      String output = new String(date.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      date.waitFor();
      return ApiGateway.response(200, output.strip());
    } catch (IOException e) {
      return ApiGateway.response(500, "cannot read the clock");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiGateway.response(500, "interrupted");
    }
  }
}
