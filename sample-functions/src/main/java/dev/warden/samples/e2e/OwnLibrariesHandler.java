package dev.warden.samples.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.warden.samples.ownlibraries.OwnLibrariesFunction;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A {@code RequestHandler} around {@link OwnLibrariesFunction} (its own Byte Buddy and
 * OpenTelemetry SDK), for the end-to-end coexistence test: with {@code "action":"read-environ"} it
 * also reads {@code /proc/self/environ}, which Warden alerts on.
 */
public class OwnLibrariesHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    try {
      String result = OwnLibrariesFunction.handle();
      if (event != null && "read-environ".equals(event.get("action"))) {
        try (InputStream in = new FileInputStream("/proc/self/environ")) {
          result += " environ=" + in.readAllBytes().length;
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
