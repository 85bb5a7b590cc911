package dev.warden.agent.learn;

import static dev.warden.agent.policy.Allowance.BROAD;
import static dev.warden.agent.policy.Allowance.DENIED;
import static dev.warden.agent.policy.Allowance.EXACT;
import static dev.warden.agent.policy.Allowance.NO_SECTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.model.Mode;
import dev.warden.agent.policy.IpLiterals;
import dev.warden.agent.policy.Policy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedPolicyTest {

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByAddress(IpLiterals.parseOrNull(literal));
  }

  @Test
  void nothingLearnedGivesAnEnforcePolicyThatAllowsNothing() throws Exception {
    LearnedPolicy learned = new LearnedPolicy();
    assertFalse(learned.hasUnwrittenChanges());
    assertEquals(
        String.join(
            "\n",
            "{",
            "  \"mode\": \"enforce\",",
            "  \"network\": {",
            "    \"allow\": []",
            "  },",
            "  \"file\": {",
            "    \"read\": [],",
            "    \"write\": []",
            "  },",
            "  \"process\": {",
            "    \"allow\": []",
            "  }",
            "}",
            ""),
        learned.toPolicyJson());
    Policy policy = Policy.parse("learned.json", learned.toPolicyJson());
    assertEquals(Mode.ENFORCE, policy.mode());
    assertEquals(DENIED, policy.fileRead("/var/task/x"));
    assertEquals(DENIED, policy.network("a.example", null, 443));
    assertEquals(DENIED, policy.process("/bin/sh"));
    assertEquals(NO_SECTION, policy.library("/opt/lib/x.so"));
  }

  @Test
  void learnedPolicyAllowsEveryRecordedOperationAndDeniesItsNeighbours() throws Exception {
    LearnedPolicy learned = new LearnedPolicy();
    List<String> reads =
        List.of(
            "/var/task/com/example/Handler.class",
            "/var/task/lib/a.jar",
            "/etc/hosts",
            "/tmp/upload-8f3a9c2e.tmp",
            "/proc/4242/status");
    List<String> writes = List.of("/tmp/upload-8f3a9c2e.tmp", "/tmp/report.csv");
    reads.forEach(learned::recordRead);
    writes.forEach(learned::recordWrite);
    learned.recordProcess("/usr/bin/convert");
    learned.recordLibrary("/tmp/libnetty_transport_native_epoll_x86_645517393398412380563.so");
    learned.recordNetwork("DynamoDB.us-east-1.amazonaws.com.", "52.94.0.10", 443);
    learned.recordNetwork(null, "10.0.3.7", 5432);
    learned.recordNetwork(null, "0:0:0:0:0:0:0:1", 8080);
    learned.recordNetwork("api.example.com", "93.184.216.34", 443);
    learned.recordDns("api.example.com");
    learned.recordDns("sqs.us-east-1.amazonaws.com");
    assertTrue(learned.hasUnwrittenChanges());

    String json = learned.toPolicyJson();
    Policy policy = Policy.parse("learned.json", json);

    for (String path : reads) {
      assertTrue(policy.fileRead(path).matched(), path + " in\n" + json);
    }
    for (String path : writes) {
      assertTrue(policy.fileWrite(path).matched(), path + " in\n" + json);
    }
    assertEquals(BROAD, policy.fileRead("/tmp/upload-00aa11bb.tmp"));
    assertEquals(BROAD, policy.fileRead("/proc/1/status"));
    assertEquals(EXACT, policy.fileRead("/etc/hosts"));
    assertEquals(EXACT, policy.fileWrite("/tmp/report.csv"));
    assertEquals(EXACT, policy.process("/usr/bin/convert"));
    assertEquals(
        BROAD, policy.library("/tmp/libnetty_transport_native_epoll_x86_641234567890123456789.so"));
    assertEquals(EXACT, policy.network("dynamodb.us-east-1.amazonaws.com", ip("52.94.0.99"), 443));
    assertEquals(EXACT, policy.network(null, ip("10.0.3.7"), 5432));
    assertEquals(EXACT, policy.network(null, ip("::1"), 8080));
    assertEquals(EXACT, policy.network("api.example.com", null, 443));
    assertEquals(EXACT, policy.dns("api.example.com"));
    assertEquals(EXACT, policy.dns("sqs.us-east-1.amazonaws.com"));

    assertEquals(DENIED, policy.fileRead("/etc/passwd"));
    assertEquals(DENIED, policy.fileRead("/var/task/com/example/Other.class"));
    assertEquals(DENIED, policy.fileRead("/proc/self/environ"));
    assertEquals(DENIED, policy.fileWrite("/var/task/lib/a.jar"));
    assertEquals(DENIED, policy.fileWrite("/tmp/evil.sh"));
    assertEquals(DENIED, policy.process("/bin/sh"));
    assertEquals(DENIED, policy.library("/tmp/libevil.so"));
    assertEquals(DENIED, policy.network("dynamodb.us-east-1.amazonaws.com", null, 80));
    assertEquals(DENIED, policy.network(null, ip("10.0.3.8"), 5432));
    assertEquals(DENIED, policy.network("attacker.net", ip("6.6.6.6"), 443));
    assertEquals(DENIED, policy.dns("attacker.net"));
  }

  @Test
  void networkEntriesAreNamePortOrAddressPortAndDnsOnlyNamesAreBare() {
    LearnedPolicy learned = new LearnedPolicy();
    learned.recordNetwork("api.example.com", "93.184.216.34", 443);
    learned.recordNetwork(null, "[2001:db8:0:0:0:0:0:1%eth0]", 443);
    learned.recordNetwork(null, "10.0.0.1", 0);
    learned.recordNetwork("bad name!", "192.0.2.7", 53);
    learned.recordNetwork(null, null, 80);
    learned.recordDns("api.example.com");
    learned.recordDns("metrics.example.com.");
    learned.recordDns("not a name");
    String json = learned.toPolicyJson();
    assertTrue(
        json.contains(
            "    \"allow\": [\n"
                + "      \"10.0.0.1\",\n"
                + "      \"192.0.2.7:53\",\n"
                + "      \"[2001:db8::1]:443\",\n"
                + "      \"api.example.com:443\",\n"
                + "      \"metrics.example.com\"\n"
                + "    ]"),
        json);
  }

  @Test
  void siblingFilesCollapseToTheirDirectoryOnly() throws Exception {
    LearnedPolicy learned = new LearnedPolicy();
    for (String name : List.of("a.json", "b.json", "c.json", "d.json", "e.json")) {
      learned.recordRead("/var/task/config/" + name);
    }
    learned.recordRead("/var/task/config/nested/x.json");
    learned.recordWrite("/tmp/one");
    Policy policy = Policy.parse("learned.json", learned.toPolicyJson());
    assertEquals(BROAD, policy.fileRead("/var/task/config/f.json"));
    assertEquals(EXACT, policy.fileRead("/var/task/config/nested/x.json"));
    assertEquals(DENIED, policy.fileRead("/var/task/config/nested/y.json"));
    assertEquals(DENIED, policy.fileRead("/var/task/other.json"));
    // Collapsing reads does not touch writes.
    assertEquals(DENIED, policy.fileWrite("/var/task/config/a.json"));
  }

  @Test
  void executablesAreNeverCollapsedIntoTheirDirectory() throws Exception {
    LearnedPolicy learned = new LearnedPolicy();
    for (String tool : List.of("convert", "identify", "gs", "pdftotext", "zip", "unzip")) {
      learned.recordProcess("/usr/bin/" + tool);
    }
    Policy policy = Policy.parse("learned.json", learned.toPolicyJson());
    assertEquals(EXACT, policy.process("/usr/bin/zip"));
    assertEquals(DENIED, policy.process("/usr/bin/curl"));
  }

  @Test
  void writeIsAtomicCreatesDirectoriesAndClearsTheChangedFlag(@TempDir Path dir) throws Exception {
    LearnedPolicy learned = new LearnedPolicy();
    learned.recordRead("/var/task/a");
    Path file = dir.resolve("nested/deeper/learned.json");
    learned.writeTo(file);
    assertFalse(learned.hasUnwrittenChanges());
    assertEquals(learned.toPolicyJson(), Files.readString(file));
    try (var listing = Files.list(file.getParent())) {
      assertEquals(List.of(file), listing.toList(), "no temp file left behind");
    }
    assertEquals(EXACT, Policy.load(file).fileRead("/var/task/a"));

    learned.recordRead("/var/task/a");
    assertFalse(learned.hasUnwrittenChanges(), "an already-seen target changes nothing");
    learned.recordRead("/var/task/b");
    assertTrue(learned.hasUnwrittenChanges());
    learned.writeTo(file);
    assertEquals(EXACT, Policy.load(file).fileRead("/var/task/b"));
  }

  @Test
  void failedWriteKeepsTheChangedFlag(@TempDir Path dir) throws Exception {
    LearnedPolicy learned = new LearnedPolicy();
    learned.recordRead("/var/task/a");
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    try {
      learned.writeTo(blocker.resolve("learned.json"));
    } catch (java.io.IOException expected) {
      // the parent "directory" is a regular file
    }
    assertTrue(learned.hasUnwrittenChanges());
  }

  @Test
  void recordingFromManyThreadsLosesNothing() throws Exception {
    LearnedPolicy learned = new LearnedPolicy();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                  learned.recordWrite("/tmp/t" + id + "/f" + (i % 3));
                  learned.recordNetwork("h" + (i % 4) + ".example.com", null, 443);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();
    Policy policy = Policy.parse("learned.json", learned.toPolicyJson());
    for (int t = 0; t < threads; t++) {
      for (int f = 0; f < 3; f++) {
        assertEquals(EXACT, policy.fileWrite("/tmp/t" + t + "/f" + f));
      }
    }
    for (int h = 0; h < 4; h++) {
      assertEquals(EXACT, policy.network("h" + h + ".example.com", null, 443));
    }
  }
}
