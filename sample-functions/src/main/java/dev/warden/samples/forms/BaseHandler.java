package dev.warden.samples.forms;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.util.Map;

/** A base class whose handler method the deployed class inherits. */
public class BaseHandler {
  public String handle(Map<String, Object> event, Context context) throws IOException {
    return getClass().getSimpleName() + " via base: " + Actions.perform(event);
  }
}
