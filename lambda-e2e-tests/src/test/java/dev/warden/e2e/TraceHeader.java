package dev.warden.e2e;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An X-Ray trace header as Lambda passes it ({@code Lambda-Runtime-Trace-Id}): {@code Root=1-<8 hex
 * epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0|1}, fresh for each invocation so that each
 * invocation's spans are found by their trace id.
 */
record TraceHeader(String root, String parent, boolean sampled) {

  static TraceHeader random(boolean sampled) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] unique = new byte[12];
    random.nextBytes(unique);
    byte[] parent = new byte[8];
    random.nextBytes(parent);
    parent[0] |= 0x10; // never all zeros
    String epoch = String.format("%08x", System.currentTimeMillis() / 1000);
    return new TraceHeader(
        "1-" + epoch + "-" + HexFormat.of().formatHex(unique),
        HexFormat.of().formatHex(parent),
        sampled);
  }

  /** The header value. */
  String value() {
    return "Root=" + root + ";Parent=" + parent + ";Sampled=" + (sampled ? "1" : "0");
  }

  /** The W3C/OpenTelemetry trace id: the Root without its version and dashes. */
  String traceId() {
    return root.substring(2).replace("-", "");
  }

  /** The span id the invocation span must name as its parent. */
  String parentSpanId() {
    return parent;
  }
}
