package dev.warden.demo;

import dev.warden.localruntime.InvocationResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One invocation of a sample function: what came back, the alerts Warden logged for it ({@code
 * WARDEN_ALERT_LOG}, matched by {@code faas.invocation_id}) and the spans it exported, with the
 * demo's judgement of whether that is what should happen.
 */
record InvocationRecord(
    SampleFunction function,
    String event,
    Mode mode,
    InvocationResult result,
    List<Map<String, Object>> alerts,
    List<Span> spans) {

  boolean isAttack() {
    return event.equals("attack");
  }

  Set<String> rules() {
    Set<String> rules = new LinkedHashSet<>();
    alerts.forEach(a -> rules.add(String.valueOf(a.get("warden.rule"))));
    return rules;
  }

  long blockedCount() {
    return alerts.stream().filter(a -> "blocked".equals(a.get("warden.action"))).count();
  }

  /** Why this invocation is not what it should be; empty when it is. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!isAttack()) {
      Set<String> expected = mode == Mode.MONITOR ? function.normalMonitorRules() : Set.of();
      if (!result.succeeded()) {
        problems.add("the normal event failed: " + result.body());
      }
      if (!rules().equals(expected)) {
        problems.add("expected alerts " + expected + ", got " + rules());
      }
      return problems;
    }
    Set<String> required =
        mode == Mode.ENFORCE ? function.enforceAttackRules() : function.monitorAttackRules();
    if (!rules().containsAll(required)) {
      problems.add("expected at least " + required + ", got " + rules());
    }
    for (Map.Entry<String, String> source : function.sources().entrySet()) {
      if (!required.contains(source.getKey())) {
        continue;
      }
      boolean named =
          alerts.stream()
              .anyMatch(
                  a ->
                      source.getKey().equals(a.get("warden.rule"))
                          && source.getValue().equals(a.get("warden.source")));
      if (!named) {
        problems.add(source.getKey() + " without warden.source=" + source.getValue());
      }
    }
    String action = mode == Mode.ENFORCE ? "blocked" : "alerted";
    for (Map<String, Object> alert : alerts) {
      if (!action.equals(alert.get("warden.action"))) {
        problems.add(alert.get("warden.rule") + " was " + alert.get("warden.action"));
      }
    }
    if (mode == Mode.ENFORCE) {
      if (result.succeeded()) {
        problems.add("not blocked: the function responded " + result.response());
      } else {
        String error = result.errorType() + " " + result.errorMessage();
        if (!error.contains("WardenBlockedException")
            && required.stream().noneMatch(error::contains)) {
          problems.add("the error does not name Warden's block: " + error);
        }
      }
    } else {
      if (!result.succeeded()) {
        problems.add("monitor mode changed the function's behaviour: " + result.body());
      } else if (function.attackEffect() != null
          && !result.response().contains(function.attackEffect())) {
        problems.add(
            "the attack did not have its effect ("
                + function.attackEffect()
                + "): "
                + result.response());
      }
    }
    return problems;
  }

  boolean asExpected() {
    return problems().isEmpty();
  }
}
