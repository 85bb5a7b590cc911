package dev.warden.samples.vulnerable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * {@code POST /reports}: builds a report and, when the request carries a {@code postProcess} script
 * (a "power user" feature), saves it to {@code /tmp}, makes it executable and runs it on the
 * report. DROPPER: anyone who can call the API runs any program they like.
 *
 * <p>Handler: {@code dev.warden.samples.vulnerable.ReportHookHandler}; body {@code
 * {"report":"sales","postProcess":"#!/bin/sh\n..."}}.
 */
public class ReportHookHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Map<String, String> request = parseBody((String) event.get("body"));
    String report =
        "report " + request.getOrDefault("report", "summary") + ": 42 orders, 7 returns";
    String script = request.get("postProcess");
    if (script == null) {
      return ApiGateway.response(200, report);
    }
    try {
      Path hook = Files.createTempFile("report-hook-", ".sh");
      try {
        Files.writeString(hook, script);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        Process process = new ProcessBuilder(hook.toString(), report).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return ApiGateway.response(200, output.strip());
      } finally {
        Files.deleteIfExists(hook);
      }
    } catch (IOException e) {
      return ApiGateway.response(500, "post-processing failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiGateway.response(500, "interrupted");
    }
  }

  /** A flat JSON object of strings, as the API's clients send it. */
  static Map<String, String> parseBody(String body) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    if (body == null) {
      return fields;
    }
    int i = body.indexOf('{') + 1;
    while (true) {
      int keyStart = body.indexOf('"', i);
      if (keyStart < 0) {
        return fields;
      }
      int keyEnd = body.indexOf('"', keyStart + 1);
      int valueStart = body.indexOf('"', body.indexOf(':', keyEnd) + 1);
      StringBuilder value = new StringBuilder();
      int j = valueStart + 1;
      for (; j < body.length() && body.charAt(j) != '"'; j++) {
        char c = body.charAt(j);
        if (c == '\\' && j + 1 < body.length()) {
          char escaped = body.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
        } else {
          value.append(c);
        }
      }
      fields.put(body.substring(keyStart + 1, keyEnd), value.toString());
      i = j + 1;
    }
  }
}
