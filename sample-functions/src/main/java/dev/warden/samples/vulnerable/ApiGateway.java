package dev.warden.samples.vulnerable;

import java.util.Map;

/** The bits of the API Gateway proxy integration every sample here uses. */
final class ApiGateway {
  private ApiGateway() {}

  static String queryParameter(Map<String, Object> event, String name) {
    return parameter(event, "queryStringParameters", name);
  }

  static String pathParameter(Map<String, Object> event, String name) {
    return parameter(event, "pathParameters", name);
  }

  private static String parameter(Map<String, Object> event, String group, String name) {
    Object parameters = event.get(group);
    return parameters instanceof Map<?, ?> map && map.get(name) instanceof String value
        ? value
        : null;
  }

  static Map<String, Object> response(int status, String body) {
    return Map.of(
        "statusCode", status, "headers", Map.of("Content-Type", "text/plain"), "body", body);
  }
}
