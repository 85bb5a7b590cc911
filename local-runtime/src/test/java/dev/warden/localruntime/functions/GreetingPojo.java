package dev.warden.localruntime.functions;

import com.amazonaws.services.lambda.runtime.Context;

/** A handler that implements no interface, named as {@code Class::method}. */
public class GreetingPojo {
  public String greet(String name, Context context) {
    return "hello " + name + " from " + context.getFunctionName();
  }
}
