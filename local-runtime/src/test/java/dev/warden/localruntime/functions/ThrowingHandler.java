package dev.warden.localruntime.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Throws from the handler, or exits the JVM when asked to. */
public class ThrowingHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    if ("exit".equals(event.get("action"))) {
      System.exit(3);
    }
    if ("ok".equals(event.get("action"))) {
      return "fine";
    }
    throw new IllegalStateException("boom: " + event.get("action"));
  }
}
