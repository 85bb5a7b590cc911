package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.AgentRun;
import dev.warden.it.support.Cases;
import dev.warden.it.support.Jdk;
import dev.warden.it.support.RunResult;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Name lookups, answered by the forked JVM's hosts file (never a real resolver): a name the network
 * section does not allow (policy.dns) and a data-carrying label (dns.exfiltration).
 */
@Execution(ExecutionMode.CONCURRENT)
class DnsApiIT {
  private static final String NAME = "api.test.internal";

  /** 50 hex characters in one label: what an exfiltrating lookup looks like. */
  private static final String EXFIL_NAME =
      "6b1f0e3c9a7d4e2f8b5a1c6d3e9f0a7b4c2d8e1f5a9b3c7d0e.exfil.test";

  /** What the alert shows of it: the label's data is what is being stolen, so it is masked. */
  private static final String EXFIL_SHOWN = "6b1f0e…[50 chars].exfil.test";

  private static final String POLICY =
      "{\"network\":{\"allow\":[\"allowed.test.internal:443\",\"127.0.0.1:9\"]}}";

  @TempDir Path tempDir;

  static Stream<Arguments> lookupPaths() {
    return Cases.onEveryJdk("InetAddress.getByName", "InetAddress.getAllByName");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("lookupPaths")
  void monitorLookupOfNameOutsidePolicyResolvesAndAlerts(Jdk jdk, String api) {
    RunResult run = lookup(jdk, "monitor", POLICY, api, NAME);
    run.assertOk();
    assertEquals("127.0.0.1", run.probe("address"), run::describe);
    run.assertAlert("policy.dns", "dns", "resolve", "alerted", NAME);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("lookupPaths")
  void enforceBlocksLookupOfNameOutsidePolicy(Jdk jdk, String api) {
    RunResult run = lookup(jdk, "enforce", POLICY, api, NAME);
    run.assertBlockedBy("policy.dns");
    assertNull(run.probe("address"), run::describe);
    run.assertAlert("policy.dns", "dns", "resolve", "blocked", NAME);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("lookupPaths")
  void enforceAllowsLookupOfNameInPolicy(Jdk jdk, String api) {
    RunResult run = lookup(jdk, "enforce", POLICY, api, "allowed.test.internal");
    run.assertOk();
    assertTrue(
        run.alerts(a -> "dns".equals(a.category())).isEmpty(),
        () -> "an allowed lookup alerted" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("lookupPaths")
  void monitorExfiltrationLookupAlertsWithoutPolicy(Jdk jdk, String api) {
    RunResult run = lookup(jdk, "monitor", null, api, EXFIL_NAME);
    run.assertOk();
    run.assertAlert("dns.exfiltration", "dns", "resolve", "alerted", EXFIL_SHOWN);
    assertTrue(
        run.alerts(
                a ->
                    String.valueOf(a.target()).contains(EXFIL_NAME.substring(0, 20))
                        || String.valueOf(a.requestedTarget())
                            .contains(EXFIL_NAME.substring(0, 20)))
            .isEmpty(),
        () -> "an alert repeats the exfiltrated data" + run.describe());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("lookupPaths")
  void enforceBlocksExfiltrationLookupWithoutPolicy(Jdk jdk, String api) {
    RunResult run = lookup(jdk, "enforce", null, api, EXFIL_NAME);
    run.assertBlockedBy("dns.exfiltration");
    assertNull(run.probe("address"), run::describe);
    run.assertAlert("dns.exfiltration", "dns", "resolve", "blocked", EXFIL_SHOWN);
  }

  private RunResult lookup(Jdk jdk, String mode, String policy, String api, String name) {
    AgentRun run =
        AgentRun.on(jdk, tempDir)
            .mode(mode)
            .host(NAME)
            .host("allowed.test.internal")
            .host(EXFIL_NAME);
    if (policy != null) {
      run.policy(policy);
    }
    return run.workload(api, name).run();
  }
}
