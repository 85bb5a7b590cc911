package dev.warden.agent.lambda;

import java.util.Map;

/**
 * The function's handler as Lambda names it: {@code pkg.Class::method}, or {@code pkg.Class} for a
 * {@code RequestHandler} / {@code RequestStreamHandler} (method {@code handleRequest}).
 *
 * @param className binary name of the handler class
 * @param methodName the handler method's name
 */
public record HandlerTarget(String className, String methodName) {
  static final String RUNTIME_CLIENT_MAIN =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /**
   * From {@code _HANDLER}, else from the command line where the java17+ runtimes pass the handler
   * to the runtime client ({@code sun.java.command} = main class and arguments); null outside
   * Lambda.
   */
  public static HandlerTarget locate(Map<String, String> environment, String javaCommand) {
    HandlerTarget fromEnvironment = parse(environment.get("_HANDLER"));
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    if (javaCommand != null) {
      String[] words = javaCommand.trim().split("\\s+");
      if (words.length >= 2 && words[0].equals(RUNTIME_CLIENT_MAIN)) {
        return parse(words[1]);
      }
    }
    return null;
  }

  /** Parses a handler string; null when it is not one. */
  static HandlerTarget parse(String handler) {
    if (handler == null || handler.isBlank()) {
      return null;
    }
    String text = handler.trim();
    int separator = text.indexOf("::");
    String className = separator < 0 ? text : text.substring(0, separator);
    String methodName = separator < 0 ? "handleRequest" : text.substring(separator + 2);
    if (className.isEmpty() || methodName.isEmpty() || !isJavaName(className)) {
      return null;
    }
    return new HandlerTarget(className, methodName);
  }

  private static boolean isJavaName(String name) {
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
        return false;
      }
      for (int i = 1; i < part.length(); i++) {
        if (!Character.isJavaIdentifierPart(part.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }

  String internalName() {
    return className.replace('.', '/');
  }
}
