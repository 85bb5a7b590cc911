package dev.warden.localruntime.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Fails its static initialisation: Lambda reports an init error. */
public class BrokenInitHandler implements RequestHandler<Map<String, Object>, String> {
  static {
    if (!Boolean.getBoolean("never.set")) {
      throw new IllegalStateException("cannot initialise: no configuration");
    }
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return "unreachable";
  }
}
