package dev.warden.samples.forms;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * POJO handlers, no interface: {@code dev.warden.samples.forms.PojoHandler::<method>} with any of
 * the method shapes the Java runtime accepts.
 */
public class PojoHandler {
  public String withContext(Map<String, Object> event, Context context) throws IOException {
    return "pojo(event, context): " + Actions.perform(event);
  }

  public String eventOnly(Map<String, Object> event) throws IOException {
    return "pojo(event): " + Actions.perform(event);
  }

  public String noArguments() throws IOException {
    return "pojo(): " + Actions.perform(Map.of("action", "read-environ"));
  }

  public void streams(InputStream input, OutputStream output, Context context) throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    output.write(
        ("\"pojo(streams): " + Actions.performJson(event) + "\"").getBytes(StandardCharsets.UTF_8));
  }
}
