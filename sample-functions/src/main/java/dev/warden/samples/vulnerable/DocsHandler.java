package dev.warden.samples.vulnerable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code GET /docs?file=getting-started.md}: serves a page from the {@code docs/} folder the
 * deployment package ships. PATH TRAVERSAL: the parameter is joined to the folder unchecked, so
 * {@code file=../../../../etc/passwd} reads any file the function can.
 *
 * <p>Handler: {@code dev.warden.samples.vulnerable.DocsHandler}.
 */
public class DocsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final Path docs =
      Path.of(System.getenv().getOrDefault("LAMBDA_TASK_ROOT", "/var/task"), "docs");

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String file = ApiGateway.queryParameter(event, "file");
    if (file == null) {
      file = "index.md";
    }
    try {
      return ApiGateway.response(200, Files.readString(Path.of(docs + "/" + file)));
    } catch (NoSuchFileException e) {
      return ApiGateway.response(404, "no such page");
    } catch (IOException e) {
      return ApiGateway.response(500, "cannot read the page");
    }
  }
}
