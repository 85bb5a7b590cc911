package dev.warden.samples.forms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A {@code RequestStreamHandler}: it reads the whole event itself and echoes its size. */
public class StreamHandler implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    String result = "stream: " + event.length() + " chars, " + Actions.performJson(event);
    output.write(("\"" + result + "\"").getBytes(StandardCharsets.UTF_8));
  }
}
