package dev.warden.localruntime.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Sleeps for the event's {@code sleepMillis}, then says which JVM it ran in. */
public class SleepingHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    Object sleep = event.get("sleepMillis");
    if (sleep instanceof Number millis) {
      try {
        Thread.sleep(millis.longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return "pid=" + ProcessHandle.current().pid();
  }
}
