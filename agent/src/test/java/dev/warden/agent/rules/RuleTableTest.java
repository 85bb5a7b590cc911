package dev.warden.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.model.Category;
import dev.warden.agent.model.Operation;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleTableTest {
  private final RuleTable table = RuleTable.builtIn("/var/task", "127.0.0.1:9001");

  private Set<String> hits(Observation observation, Category category) {
    return table.forCategory(category).stream()
        .filter(rule -> rule.matches().test(observation))
        .map(Rule::id)
        .collect(Collectors.toSet());
  }

  @Test
  void idsAreUnique() {
    Set<String> ids = new HashSet<>();
    for (Rule rule : table.rules()) {
      assertTrue(ids.add(rule.id()), "duplicate rule id " + rule.id());
    }
  }

  @Test
  void aProcessGetsExactlyOneClassification() {
    assertEquals(
        Set.of("process.exec"),
        hits(
            Observation.process(
                "convert a b", "/usr/bin/convert a b", "/usr/bin/convert", List.of("a", "b")),
            Category.PROCESS));
    assertEquals(
        Set.of("process.shell"),
        hits(
            Observation.process("sh -c ls", "/bin/sh -c ls", "/bin/sh", List.of("-c", "ls")),
            Category.PROCESS));
    assertEquals(
        Set.of("process.exec-from-writable"),
        hits(Observation.process("/tmp/x", "/tmp/x", "/tmp/x", List.of()), Category.PROCESS));
  }

  @Test
  void fileRules() {
    assertEquals(
        Set.of("file.secret-read"),
        hits(
            Observation.file(Operation.READ, "/proc/self/environ", "/proc/7/environ"),
            Category.FILE));
    assertEquals(
        Set.of("file.process-memory", "file.write-outside-tmp").size() - 1,
        hits(Observation.file(Operation.WRITE, "/proc/self/mem", "/proc/7/mem"), Category.FILE)
            .size());
    assertEquals(
        Set.of("file.write-task-root"),
        hits(Observation.file(Operation.WRITE, "/var/task/x", "/var/task/x"), Category.FILE));
    assertEquals(
        Set.of("file.write-outside-tmp"),
        hits(Observation.file(Operation.DELETE, "/etc/passwd", "/etc/passwd"), Category.FILE));
    assertEquals(
        Set.of(), hits(Observation.file(Operation.WRITE, "/tmp/a", "/tmp/a"), Category.FILE));
    assertEquals(
        Set.of(), hits(Observation.file(Operation.WRITE, "/dev/null", "/dev/null"), Category.FILE));
    assertEquals(
        Set.of(),
        hits(Observation.file(Operation.READ, "/etc/hosts", "/etc/hosts"), Category.FILE));
  }

  @Test
  void networkRules() throws Exception {
    InetAddress metadata =
        InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
    assertEquals(
        Set.of("network.metadata"),
        hits(Observation.network(Operation.CONNECT, null, metadata, 80), Category.NETWORK));
    InetAddress metadataV6 = InetAddress.getByName("fd00:ec2::254");
    assertEquals(
        Set.of("network.metadata"),
        hits(Observation.network(Operation.CONNECT, null, metadataV6, 80), Category.NETWORK));
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    assertEquals(
        Set.of("network.runtime-api"),
        hits(Observation.network(Operation.CONNECT, null, loopback, 9001), Category.NETWORK));
    assertEquals(
        Set.of(),
        hits(Observation.network(Operation.CONNECT, null, loopback, 9002), Category.NETWORK));
    assertEquals(
        Set.of("network.listen"),
        hits(Observation.network(Operation.BIND, null, loopback, 8080), Category.NETWORK));
  }

  @Test
  void librariesFromWritablePlaces() {
    assertEquals(
        Set.of("library.writable-location"),
        hits(Observation.library("/tmp/x.so", "/tmp/x.so", true), Category.LIBRARY));
    assertEquals(
        Set.of(),
        hits(Observation.library("/opt/lib/x.so", "/opt/lib/x.so", false), Category.LIBRARY));
  }
}
