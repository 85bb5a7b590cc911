package dev.warden.it.support;

import java.util.Map;

/** One line of the alert log, parsed; accessors for the contract's keys. */
public record AlertLine(String raw, Map<String, Object> fields) {

  public static AlertLine parse(String line) {
    return new AlertLine(line, FlatJson.parseObject(line));
  }

  public String get(String key) {
    Object value = fields.get(key);
    return value == null ? null : String.valueOf(value);
  }

  public String rule() {
    return get("warden.rule");
  }

  public String category() {
    return get("warden.category");
  }

  public String operation() {
    return get("warden.operation");
  }

  public String action() {
    return get("warden.action");
  }

  public String severity() {
    return get("warden.severity");
  }

  public String target() {
    return get("warden.target");
  }

  public String requestedTarget() {
    return get("warden.target.requested");
  }

  public String invocationId() {
    return get("faas.invocation_id");
  }

  public String source() {
    return get("warden.source");
  }

  @Override
  public String toString() {
    return raw;
  }
}
