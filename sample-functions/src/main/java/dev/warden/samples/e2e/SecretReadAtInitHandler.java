package dev.warden.samples.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads {@code /proc/self/environ} while its class initialises, during the function's init and
 * outside any invocation (as a careless library's static set-up might), which Warden alerts on; its
 * invocations do nothing. For the end-to-end test of alerts raised during init.
 */
public class SecretReadAtInitHandler implements RequestHandler<Map<String, Object>, String> {
  private static final int ENVIRONMENT_BYTES = readEnvironment();

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return "environment of " + ENVIRONMENT_BYTES + " bytes";
  }

  private static int readEnvironment() {
    try (InputStream in = new FileInputStream("/proc/self/environ")) {
      return in.readAllBytes().length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
