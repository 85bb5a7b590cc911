package dev.warden.localruntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An error as Lambda reports it: the document the runtime posted (or Lambda's own, for a timeout or
 * a runtime that exited), with its fields read out.
 *
 * @param type {@code errorType}, e.g. {@code java.lang.IllegalStateException} or {@code
 *     Sandbox.Timedout}
 * @param message {@code errorMessage}
 * @param stackTrace {@code stackTrace}, one frame per element; empty when absent
 * @param json the document exactly as posted
 * @param errorTypeHeader the {@code Lambda-Runtime-Function-Error-Type} header of the post, or
 *     {@code null} when the error did not come from the function
 */
public record FunctionError(
    String type, String message, List<String> stackTrace, String json, String errorTypeHeader) {

  public FunctionError {
    stackTrace = List.copyOf(stackTrace);
  }

  /** Reads a posted error document; a document that is not the expected JSON is kept whole. */
  static FunctionError fromPosted(String json, String errorTypeHeader) {
    try {
      if (Json.parse(json) instanceof Map<?, ?> fields) {
        List<String> frames = new ArrayList<>();
        if (fields.get("stackTrace") instanceof List<?> list) {
          for (Object frame : list) {
            frames.add(String.valueOf(frame));
          }
        }
        return new FunctionError(
            stringOrNull(fields.get("errorType")),
            stringOrNull(fields.get("errorMessage")),
            frames,
            json,
            errorTypeHeader);
      }
    } catch (IllegalArgumentException notJson) {
      // Lambda passes such a body through too; keep it as the message.
    }
    return new FunctionError(errorTypeHeader, json, List.of(), json, errorTypeHeader);
  }

  /** An error Lambda itself reports (timeout, runtime exit), without a stack trace. */
  static FunctionError fromLambda(String type, String message) {
    String json =
        "{\"errorMessage\":" + Json.quote(message) + ",\"errorType\":" + Json.quote(type) + "}";
    return new FunctionError(type, message, List.of(), json, null);
  }

  private static String stringOrNull(Object value) {
    return value == null ? null : value.toString();
  }
}
