package dev.warden.localruntime.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A function that, during its init, registers an internal extension for no events (when {@code
 * REGISTER=true}) and writes {@code SHUTDOWN_MARKER} from a shutdown hook. Each invocation tries to
 * register again and answers with the HTTP status it got.
 */
public class InternalExtensionHandler implements RequestHandler<Map<String, Object>, String> {
  static {
    String marker = System.getenv("SHUTDOWN_MARKER");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.writeString(Path.of(marker), "shut down gracefully");
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                }));
    if ("true".equals(System.getenv("REGISTER"))) {
      try {
        HttpURLConnection register = registration();
        String id = register.getHeaderField("Lambda-Extension-Identifier");
        Thread waiting =
            new Thread(
                () -> {
                  try {
                    HttpURLConnection next = open("/2020-01-01/extension/event/next");
                    next.setRequestProperty("Lambda-Extension-Identifier", id);
                    next.setReadTimeout(0);
                    try (InputStream in = next.getInputStream()) {
                      in.readAllBytes();
                    }
                  } catch (IOException ended) {
                    // the environment is ending
                  }
                });
        waiting.setDaemon(true);
        waiting.start();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static HttpURLConnection open(String path) throws IOException {
    return (HttpURLConnection)
        new URL("http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + path).openConnection();
  }

  private static HttpURLConnection registration() throws IOException {
    HttpURLConnection register = open("/2020-01-01/extension/register");
    register.setRequestMethod("POST");
    register.setRequestProperty("Lambda-Extension-Name", "test-extension");
    register.setDoOutput(true);
    register.getOutputStream().write("{\"events\":[]}".getBytes(StandardCharsets.UTF_8));
    register.getResponseCode();
    return register;
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    try {
      return "register after init: " + registration().getResponseCode();
    } catch (IOException e) {
      return "register after init: " + e;
    }
  }
}
