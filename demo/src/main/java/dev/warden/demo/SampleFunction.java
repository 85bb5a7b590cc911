package dev.warden.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A function of {@code sample-functions} and what Warden must make of its events: a normal event
 * raises nothing (but for rules the normal work itself breaks while no policy allows it), an attack
 * event raises at least {@link #attackRules}, naming the event field where the rule is about event
 * data, and carries out its effect only in monitor mode.
 *
 * @param name the function's name, and its events' folder under {@code events/}
 * @param normalMonitorRules rules the normal event raises in monitor mode, without a policy
 * @param monitorAttackRules the rules an attack must raise in monitor mode, without a policy
 * @param enforceAttackRules the rules an attack must raise in enforce mode, under the learned
 *     policy (which allows the normal behaviour and may stop an attack at an earlier step)
 * @param sources the event field (JSON pointer) an injection rule must name
 * @param attackEffect text in the response that shows the attack worked (monitor mode)
 */
record SampleFunction(
    String name,
    String handler,
    boolean benign,
    String story,
    Set<String> normalMonitorRules,
    Set<String> monitorAttackRules,
    Set<String> enforceAttackRules,
    Map<String, String> sources,
    String attackEffect) {

  static final List<SampleFunction> ALL =
      List.of(
          benign(
              "thumbnailer",
              "dev.warden.samples.benign.ThumbnailHandler",
              "S3 upload -> thumbnail made in /tmp"),
          benign(
              "quote-api",
              "dev.warden.samples.benign.QuoteApiHandler",
              "API Gateway -> partner API from API_BASE_URL"),
          benign(
              "order-queue",
              "dev.warden.samples.benign.OrderQueueHandler",
              "SQS batch -> journal file in /tmp"),
          new SampleFunction(
              "date-format",
              "dev.warden.samples.vulnerable.DateFormatHandler",
              false,
              "command injection: ?format= pasted into sh -c \"date -u +...\"",
              Set.of("process.shell"),
              Set.of("event.command-injection", "process.shell"),
              Set.of("event.command-injection"),
              Map.of("event.command-injection", "/queryStringParameters/format"),
              "uid="),
          new SampleFunction(
              "docs",
              "dev.warden.samples.vulnerable.DocsHandler",
              false,
              "path traversal: ?file= joined to $LAMBDA_TASK_ROOT/docs/",
              Set.of(),
              Set.of("event.path-injection"),
              Set.of("event.path-injection", "policy.file.read"),
              Map.of("event.path-injection", "/queryStringParameters/file"),
              "root:"),
          new SampleFunction(
              "image-proxy",
              "dev.warden.samples.vulnerable.ImageProxyHandler",
              false,
              "SSRF: ?src= resolved against the CDN URL; an absolute URL wins",
              Set.of(),
              Set.of("event.network-injection", "network.runtime-api"),
              Set.of("event.network-injection", "network.runtime-api"),
              Map.of("event.network-injection", "/queryStringParameters/src"),
              "\"statusCode\":405"),
          new SampleFunction(
              "diagnostics",
              "dev.warden.samples.vulnerable.DiagnosticsHandler",
              false,
              "credential theft: ?section= shows /proc/<section>",
              Set.of(),
              Set.of("file.secret-read"),
              Set.of("file.secret-read"),
              Map.of(),
              "AWS_LAMBDA_FUNCTION_NAME="),
          new SampleFunction(
              "report-hook",
              "dev.warden.samples.vulnerable.ReportHookHandler",
              false,
              "dropper: a postProcess script from the body saved to /tmp and run",
              Set.of(),
              Set.of("process.exec-from-writable"),
              // the learned policy allows no writes, so the drop itself is stopped, before the exec
              Set.of("policy.file.write"),
              Map.of(),
              "dropped payload ran as"),
          new SampleFunction(
              "tenant-lookup",
              "dev.warden.samples.vulnerable.TenantLookupHandler",
              false,
              "DNS exfiltration: /tenants/{tenant} resolved as <tenant>.tenants.internal",
              Set.of(),
              Set.of("dns.exfiltration"),
              Set.of("dns.exfiltration"),
              Map.of(),
              "unknown tenant"));

  private static SampleFunction benign(String name, String handler, String story) {
    return new SampleFunction(
        name, handler, true, story, Set.of(), Set.of(), Set.of(), Map.of(), null);
  }

  List<String> events() {
    return benign ? List.of("normal") : List.of("normal", "attack");
  }

  static SampleFunction named(String name) {
    return ALL.stream()
        .filter(f -> f.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sample function " + name));
  }
}
