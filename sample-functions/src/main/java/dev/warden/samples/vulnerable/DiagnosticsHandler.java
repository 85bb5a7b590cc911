package dev.warden.samples.vulnerable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code GET /diagnostics?section=uptime}: a debugging endpoint left in production that shows a
 * file under {@code /proc}. CREDENTIAL THEFT: {@code section=self/environ} returns the function's
 * environment, which on Lambda holds its temporary AWS credentials.
 *
 * <p>Handler: {@code dev.warden.samples.vulnerable.DiagnosticsHandler}.
 */
public class DiagnosticsHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String section = ApiGateway.queryParameter(event, "section");
    if (section == null) {
      section = "uptime";
    }
    try {
      byte[] content = Files.readAllBytes(Path.of("/proc/" + section));
      return ApiGateway.response(200, new String(content).replace('\0', '\n'));
    } catch (IOException e) {
      return ApiGateway.response(404, "no such section");
    }
  }
}
