package dev.warden.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.alert.AlertLog;
import dev.warden.agent.alert.AlertPipeline;
import dev.warden.agent.alert.AlertThrottle;
import dev.warden.agent.alert.SecretRedactor;
import dev.warden.agent.learn.LearnedPolicy;
import dev.warden.agent.model.Mode;
import dev.warden.agent.policy.Policy;
import dev.warden.agent.rules.RuleTable;
import dev.warden.bootstrap.BlockedException;
import dev.warden.bootstrap.Ops;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's decisions, without an agent: what users would read in the alert log. */
class EngineTest {
  private static final Pattern RULE = Pattern.compile("\"warden\\.rule\":\"([^\"]+)\"");
  private static final Pattern ACTION = Pattern.compile("\"warden\\.action\":\"([^\"]+)\"");

  @TempDir Path dir;

  private Path alertLog() {
    return dir.resolve("alerts.log");
  }

  private Engine engine(Mode mode, String policyJson, LearnedPolicy learned) throws Exception {
    Policy policy = policyJson == null ? null : Policy.parse("policy.json", policyJson);
    AlertPipeline alerts =
        new AlertPipeline(
            AlertLog.fromSetting(alertLog().toString()),
            new AlertThrottle(),
            new SecretRedactor(Map.of()));
    return new Engine(
        mode,
        policy,
        RuleTable.builtIn("/var/task", "127.0.0.1:9001"),
        alerts,
        learned,
        System.getProperty("java.home"),
        dir.toString(),
        "/usr/bin:/bin");
  }

  private List<String> rules() throws Exception {
    return matches(RULE);
  }

  private List<String> matches(Pattern pattern) throws Exception {
    if (!Files.exists(alertLog())) {
      return List.of();
    }
    return Files.readAllLines(alertLog()).stream()
        .map(pattern::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .collect(Collectors.toList());
  }

  @Test
  void secretsAlertWithoutPolicyAndEvenUnderABroadGlob() throws Exception {
    engine(Mode.MONITOR, null, null).file(Ops.FILE_READ, "/proc/self/environ", null);
    engine(Mode.MONITOR, "{\"file\":{\"read\":[\"/proc/**\"]}}", null)
        .file(Ops.FILE_READ, "/proc/self/environ", null);
    assertEquals(List.of("file.secret-read", "file.secret-read"), rules());
  }

  @Test
  void onlyAnExactEntrySilencesAnAttackRule() throws Exception {
    String self = Path.of("/proc/self").toRealPath().toString();
    engine(Mode.MONITOR, "{\"file\":{\"read\":[\"" + self + "/environ\"]}}", null)
        .file(Ops.FILE_READ, "/proc/self/environ", null);
    assertEquals(List.of(), rules());
  }

  @Test
  void unusualRulesGiveWayToAnyAllowingEntry() throws Exception {
    Engine engine = engine(Mode.MONITOR, "{\"process\":{\"allow\":[\"/usr/bin/*\"]}}", null);
    engine.process(new String[] {"true"}, null);
    assertEquals(List.of(), rules());
    engine(Mode.MONITOR, null, null).process(new String[] {"true"}, null);
    assertEquals(List.of("process.exec"), rules());
  }

  @Test
  void aDenyingSectionRaisesOnePolicyAlertFoldingTheUnusualRules() throws Exception {
    engine(Mode.MONITOR, "{\"process\":{\"allow\":[\"/usr/bin/convert\"]}}", null)
        .process(new String[] {"sh", "-c", "id"}, null);
    List<String> lines = Files.readAllLines(alertLog());
    assertEquals(List.of("policy.process"), rules());
    assertTrue(lines.get(0).contains("\"warden.severity\":\"high\""), lines.get(0));
  }

  @Test
  void enforceThrowsBeforeTheEffectAndLogsBlocked() throws Exception {
    Engine engine = engine(Mode.ENFORCE, "{\"file\":{\"write\":[\"/var/empty/**\"]}}", null);
    Path target = dir.resolve("out.txt");
    BlockedException blocked =
        assertThrows(
            BlockedException.class, () -> engine.file(Ops.FILE_WRITE, target.toString(), null));
    assertEquals("policy.file.write", blocked.rule());
    assertTrue(blocked.getMessage().contains(dir.toRealPath().resolve("out.txt").toString()));
    assertTrue(Files.notExists(target), "the engine itself never creates the file");
    assertEquals(List.of("blocked"), matches(ACTION));
  }

  @Test
  void symlinkRoutesAreJudgedWhereTheyLand() throws Exception {
    Path allowed = Files.createDirectory(dir.resolve("allowed"));
    Path denied = Files.createDirectory(dir.resolve("denied"));
    Files.writeString(denied.resolve("secret.txt"), "s");
    Files.writeString(denied.resolve("other.txt"), "o");
    Files.createSymbolicLink(allowed.resolve("link"), denied.resolve("secret.txt"));
    String policy = "{\"file\":{\"read\":[\"" + allowed.toRealPath() + "/**\"]}}";
    Engine engine = engine(Mode.MONITOR, policy, null);
    engine.file(Ops.FILE_READ, allowed.resolve("link").toString(), null);
    engine.file(Ops.FILE_READ, allowed + "/../denied/other.txt", null);
    engine.file(Ops.FILE_READ, allowed.resolve("ok.txt").toString(), null);
    assertEquals(List.of("policy.file.read", "policy.file.read"), rules());
    String log = Files.readString(alertLog());
    assertTrue(log.contains(denied.toRealPath().resolve("secret.txt").toString()), log);
    assertTrue(log.contains(denied.toRealPath().resolve("other.txt").toString()), log);
  }

  @Test
  void aCachedVerdictIsReconsideredAfterLinksChange() throws Exception {
    Path allowed = Files.createDirectory(dir.resolve("allowed"));
    Path denied = Files.createDirectory(dir.resolve("denied"));
    Files.writeString(denied.resolve("secret.txt"), "s");
    String policy =
        "{\"file\":{\"read\":[\""
            + allowed.toRealPath()
            + "/**\"],"
            + "\"write\":[\""
            + dir.toRealPath()
            + "/**\"]}}";
    Engine engine = engine(Mode.MONITOR, policy, null);
    Path file = allowed.resolve("file.txt");
    Files.writeString(file, "ok");
    engine.file(Ops.FILE_READ, file.toString(), null);
    assertEquals(List.of(), rules());
    // The function replaces the file with a link to a denied one, through a hooked API.
    Files.delete(file);
    engine.file(Ops.FILE_DELETE, file.toString(), null);
    Files.createSymbolicLink(file, denied.resolve("secret.txt"));
    engine.file(Ops.FILE_SYMLINK, file.toString(), denied.resolve("secret.txt").toString());
    engine.file(Ops.FILE_READ, file.toString(), null);
    assertEquals(List.of("policy.file.read"), rules());
  }

  @Test
  void networkIsJudgedByNameWhenGivenAndByAddressAlways() throws Exception {
    Engine engine =
        engine(Mode.MONITOR, "{\"network\":{\"allow\":[\"*.amazonaws.com:443\"]}}", null);
    InetAddress named = InetAddress.getByAddress("s3.amazonaws.com", new byte[] {127, 0, 0, 9});
    engine.network(Ops.NET_CONNECT, named, 443);
    assertEquals(List.of(), rules());
    InetAddress rebound =
        InetAddress.getByAddress(
            "evil.amazonaws.com", new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
    engine.network(Ops.NET_CONNECT, rebound, 443);
    engine.network(Ops.NET_CONNECT, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 443);
    assertEquals(List.of("network.metadata", "policy.network"), rules());
  }

  @Test
  void learnModeRecordsInsteadOfAlertingButStillAlertsAttacks() throws Exception {
    LearnedPolicy learned = new LearnedPolicy();
    Engine engine = engine(Mode.LEARN, null, learned);
    engine.process(new String[] {"true"}, null);
    engine.file(Ops.FILE_WRITE, dir.resolve("out.txt").toString(), null);
    engine.file(Ops.FILE_READ, "/proc/self/environ", null);
    assertEquals(List.of("file.secret-read"), rules());
    String json = learned.toPolicyJson();
    Policy policy = Policy.parse("learned.json", json);
    assertTrue(policy.process(Path.of("/usr/bin/true").toRealPath().toString()).matched(), json);
    assertTrue(policy.fileWrite(dir.toRealPath().resolve("out.txt").toString()).matched(), json);
    assertTrue(!json.contains("environ"), json);
  }

  private static final Pattern SOURCE = Pattern.compile("\"warden\\.source\":\"([^\"]+)\"");

  private static EventValues event(String json) {
    return EventValues.of(dev.warden.handler.event.MiniJson.parse(json));
  }

  @Test
  void eventDataThatRewritesAShellCommandIsCommandInjection() throws Exception {
    Engine engine = engine(Mode.MONITOR, null, null);
    engine.invocationEvent(event("{\"query\":{\"name\":\"x; cat /etc/passwd\"}}"));
    engine.process(new String[] {"sh", "-c", "echo x; cat /etc/passwd"}, null);
    assertEquals(List.of("event.command-injection", "process.shell"), rules());
    assertEquals(List.of("/query/name"), matches(SOURCE));
  }

  @Test
  void theSameValueAsOnePlainArgumentIsData() throws Exception {
    Engine engine = engine(Mode.MONITOR, "{\"process\":{\"allow\":[\"/usr/bin/*\"]}}", null);
    engine.invocationEvent(event("{\"name\":\"x; cat /etc/passwd\"}"));
    engine.process(new String[] {"echo", "x; cat /etc/passwd"}, null);
    assertEquals(List.of(), rules());
  }

  @Test
  void eventDataWithDotDotInAFilePathIsPathInjection() throws Exception {
    Engine engine = engine(Mode.ENFORCE, null, null);
    engine.invocationEvent(event("{\"queryStringParameters\":{\"file\":\"../../etc/hostname\"}}"));
    BlockedException blocked =
        assertThrows(
            BlockedException.class,
            () -> engine.file(Ops.FILE_READ, dir + "/data/../../etc/hostname", null));
    assertEquals("event.path-injection", blocked.rule());
    assertEquals(List.of("/queryStringParameters/file"), matches(SOURCE));
  }

  @Test
  void aPlainFileNameFromTheEventIsNotInjection() throws Exception {
    Engine engine = engine(Mode.ENFORCE, null, null);
    engine.invocationEvent(event("{\"file\":\"report.pdf\",\"bucket\":\"my-bucket\"}"));
    engine.file(Ops.FILE_READ, dir.resolve("report.pdf").toString(), null);
    assertEquals(List.of(), rules());
  }

  @Test
  void aHostChosenByTheEventIsNetworkInjectionButAQueryValueIsNot() throws Exception {
    Engine engine = engine(Mode.MONITOR, null, null);
    engine.invocationEvent(
        event("{\"url\":\"http://169.254.169.254/latest/meta-data\",\"q\":\"api.example.com\"}"));
    engine.network(
        Ops.NET_CONNECT,
        InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}),
        80);
    engine.network(
        Ops.NET_CONNECT,
        InetAddress.getByAddress("search.internal.test", new byte[] {127, 0, 0, 5}),
        443);
    assertEquals(List.of("event.network-injection", "network.metadata"), rules());
    assertEquals(List.of("/url"), matches(SOURCE));
  }

  @Test
  void afterTheInvocationTheEventNoLongerCounts() throws Exception {
    Engine engine = engine(Mode.MONITOR, null, null);
    engine.invocationEvent(event("{\"cmd\":\"a|b\"}"));
    engine.invocationEvent(EventValues.NONE);
    engine.process(new String[] {"sh", "-c", "a|b"}, null);
    assertEquals(List.of("process.shell"), rules());
  }

  @Test
  void anApiRouteInsideAPathIsNotInjectionButAnAbsolutePathTheEventChoseIs() throws Exception {
    Engine engine = engine(Mode.MONITOR, null, null);
    engine.invocationEvent(
        event("{\"resource\":\"/docs\",\"queryStringParameters\":{\"file\":\"/etc/hostname\"}}"));
    engine.file(Ops.FILE_READ, dir + "/docs/getting-started.md", null);
    assertEquals(List.of(), rules());
    engine.file(Ops.FILE_READ, "/etc/hostname", null);
    assertEquals(List.of("event.path-injection"), rules());
    assertEquals(List.of("/queryStringParameters/file"), matches(SOURCE));
  }
}
