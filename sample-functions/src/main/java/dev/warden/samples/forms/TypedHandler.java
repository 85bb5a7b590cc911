package dev.warden.samples.forms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A {@code RequestHandler<I, O>}: handler setting {@code dev.warden.samples.forms.TypedHandler}.
 */
public class TypedHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    try {
      return "typed: " + Actions.perform(event);
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }
}
