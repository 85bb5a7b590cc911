package dev.warden.agent.policy;

import static dev.warden.agent.policy.Allowance.BROAD;
import static dev.warden.agent.policy.Allowance.DENIED;
import static dev.warden.agent.policy.Allowance.EXACT;
import static dev.warden.agent.policy.Allowance.NO_SECTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.model.Mode;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

  private static final String REALISTIC =
      String.join(
          "\n",
          "{",
          "  \"mode\": \"enforce\",",
          "  \"network\": { \"allow\": [\"*.amazonaws.com:443\", \"api.example.com\","
              + " \"10.0.0.0/8\"] },",
          "  \"file\":    { \"read\": [\"/var/task/**\", \"/opt/**\", \"/tmp/**\","
              + " \"/etc/hosts\"],",
          "               \"write\": [\"/tmp/**\"] },",
          "  \"process\": { \"allow\": [\"/usr/bin/convert\"] },",
          "  \"library\": { \"allow\": [\"/opt/lib/**\"] }",
          "}");

  private static void assertError(String text, int line, int column, String problem) {
    PolicyException e =
        assertThrows(PolicyException.class, () -> Policy.parse("policy.json", text));
    assertEquals(problem, e.problem(), "problem for " + text);
    assertEquals(line, e.line(), "line for " + text);
    assertEquals(column, e.column(), "column for " + text);
    assertEquals("policy.json:" + line + ":" + column + ": " + problem, e.getMessage());
  }

  @Test
  void realisticPolicyJudgesEveryCategory() throws Exception {
    Policy policy = Policy.parse("policy.json", REALISTIC);
    assertEquals(Mode.ENFORCE, policy.mode());

    assertEquals(BROAD, policy.fileRead("/var/task/com/example/Handler.class"));
    assertEquals(BROAD, policy.fileRead("/var/task"));
    assertEquals(EXACT, policy.fileRead("/etc/hosts"));
    assertEquals(DENIED, policy.fileRead("/etc/passwd"));
    assertEquals(DENIED, policy.fileRead("/proc/self/environ"));
    assertEquals(BROAD, policy.fileWrite("/tmp/out.json"));
    assertEquals(DENIED, policy.fileWrite("/var/task/Handler.class"));

    assertEquals(EXACT, policy.process("/usr/bin/convert"));
    assertEquals(DENIED, policy.process("/bin/sh"));
    assertEquals(BROAD, policy.library("/opt/lib/libvips.so"));
    assertEquals(DENIED, policy.library("/tmp/libevil.so"));

    InetAddress tenOne = InetAddress.getByAddress(new byte[] {10, 0, 0, 1});
    InetAddress metadata =
        InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
    assertEquals(BROAD, policy.network("dynamodb.us-east-1.amazonaws.com", null, 443));
    assertEquals(EXACT, policy.network("api.example.com", null, 8443));
    assertEquals(BROAD, policy.network(null, tenOne, 5432));
    assertEquals(DENIED, policy.network(null, metadata, 80));
    assertEquals(DENIED, policy.network("attacker.net", null, 443));
    assertEquals(BROAD, policy.dns("sts.amazonaws.com"));
    assertEquals(DENIED, policy.dns("attacker.net"));
  }

  @Test
  void absentSectionsAndListsMeanNoPolicyAboutThem() throws Exception {
    Policy policy = Policy.parse("p.json", "{\"file\": {\"write\": [\"/tmp/**\"]}}");
    assertNull(policy.mode());
    assertEquals(NO_SECTION, policy.fileRead("/etc/passwd"));
    assertEquals(BROAD, policy.fileWrite("/tmp/x"));
    assertEquals(DENIED, policy.fileWrite("/var/task/x"));
    assertEquals(NO_SECTION, policy.process("/bin/sh"));
    assertEquals(NO_SECTION, policy.library("/tmp/x.so"));
    assertEquals(NO_SECTION, policy.network("a.example", null, 443));

    Policy empty = Policy.parse("p.json", "{}");
    assertEquals(NO_SECTION, empty.fileWrite("/tmp/x"));
    assertEquals(NO_SECTION, empty.dns("a.example"));
  }

  @Test
  void emptyListsAllowNothing() throws Exception {
    Policy policy =
        Policy.parse(
            "p.json", "{\"process\": {\"allow\": []}, \"file\": {\"read\": [], \"write\": []}}");
    assertEquals(DENIED, policy.process("/usr/bin/convert"));
    assertEquals(DENIED, policy.fileRead("/tmp/a"));
    assertEquals(DENIED, policy.fileWrite("/tmp/a"));
  }

  @Test
  void exactPathVersusGlob() throws Exception {
    Policy policy =
        Policy.parse("p.json", "{\"file\": {\"read\": [\"/proc/**\", \"/proc/self/environ\"]}}");
    assertEquals(EXACT, policy.fileRead("/proc/self/environ"));
    assertEquals(BROAD, policy.fileRead("/proc/self/status"));
    assertEquals(BROAD, policy.fileRead("/proc"));
  }

  @Test
  void modeIsParsedAnyCase() throws Exception {
    assertEquals(Mode.LEARN, Policy.parse("p.json", "{\"mode\": \"Learn\"}").mode());
    assertEquals(Mode.MONITOR, Policy.parse("p.json", "{\"mode\": \"monitor\"}").mode());
  }

  @Test
  void reportsStructureErrorsAtTheOffendingKeyOrValue() {
    assertError(
        "[]",
        1,
        1,
        "a policy is a JSON object, like {\"mode\": \"enforce\", \"file\": {\"read\":"
            + " [\"/var/task/**\"]}}; found a list");
    assertError(
        "{\"mode\": \"block\"}",
        1,
        10,
        "\"mode\" must be \"monitor\", \"enforce\" or \"learn\"; found \"block\"");
    assertError(
        "{\"mode\": 1}",
        1,
        10,
        "\"mode\" must be \"monitor\", \"enforce\" or \"learn\"; found a number");
    assertError(
        "{\n  \"netwrok\": {}\n}",
        2,
        3,
        "unknown key \"netwrok\" at the top level; did you mean \"network\"? (known keys: mode,"
            + " network, file, process, library)");
    assertError(
        "{\"file\": {\"read\": [], \"exec\": []}}",
        1,
        23,
        "unknown key \"exec\" in \"file\" (known keys: read, write)");
    assertError(
        "{\"process\": [\"/bin/ls\"]}",
        1,
        13,
        "\"process\" must be an object, like \"process\": {\"allow\": [...]}; found a list");
    assertError(
        "{\"file\": {\"read\": \"/tmp/**\"}}",
        1,
        19,
        "\"file.read\" must be a list of strings; found a string (put the entry in brackets:"
            + " [\"/tmp/**\"])");
    assertError(
        "{\"network\": {\"allow\": [\"a.example\", 443]}}",
        1,
        37,
        "\"network.allow\" entries must be strings; found a number");
    assertError(
        "{\"process\": {\"allow\": [\"/bin/ls\", \"\"]}}",
        1,
        35,
        "empty entry in \"process.allow\"");
    assertError(
        "{\"process\": {\"allow\": [\" /bin/ls\"]}}",
        1,
        24,
        "entry \" /bin/ls\" in \"process.allow\" has leading or trailing spaces");
    assertError(
        "{\"network\": {}}",
        1,
        13,
        "\"network\" needs an \"allow\" list; write \"allow\": [] to allow no connections, or"
            + " remove the section to have no policy about it");
    assertError(
        "{\"file\": {}}",
        1,
        10,
        "\"file\" needs a \"read\" or \"write\" list (or both); an empty list allows nothing");
  }

  @Test
  void reportsBadPathEntriesAtTheEntry() {
    assertError(
        "{\"file\": {\n  \"read\": [\"/var/task/**\",\n           \"tmp/**\"]}}",
        3,
        12,
        "\"tmp/**\" is not an absolute path: write the full path starting with '/'");
    assertError(
        "{\"library\": {\"allow\": [\"lib/x.so\"]}}",
        1,
        24,
        "\"lib/x.so\" is not an absolute path: write the full path starting with '/'");
    assertError(
        "{\"process\": {\"allow\": [\"/usr/bin/../bin/sh\"]}}",
        1,
        24,
        "\"/usr/bin/../bin/sh\" has a '..' segment: paths are compared after canonicalisation, so"
            + " write the canonical path");
  }

  @Test
  void reportsBadNetworkEntriesAtTheEntry() {
    String prefix = "{\"network\": {\"allow\": [";
    int column = prefix.length() + 1;
    assertError(
        prefix + "\"10.0.0.0/33\"]}}",
        1,
        column,
        "invalid CIDR prefix length \"/33\" in \"10.0.0.0/33\": an IPv4 prefix is 0 to 32");
    assertError(
        prefix + "\"fd00::/129\"]}}",
        1,
        column,
        "invalid CIDR prefix length \"/129\" in \"fd00::/129\": an IPv6 prefix is 0 to 128");
    assertError(
        prefix + "\"10.0.0.1/8\"]}}",
        1,
        column,
        "\"10.0.0.1/8\" has address bits set after the prefix; write \"10.0.0.0/8\"");
    assertError(
        prefix + "\"host:99999\"]}}",
        1,
        column,
        "invalid port \"99999\": a port is a number from 1 to 65535");
    assertError(
        prefix + "\"host:0\"]}}",
        1,
        column,
        "invalid port \"0\": a port is a number from 1 to 65535");
    assertError(
        prefix + "\"host:\"]}}",
        1,
        column,
        "missing port after ':': write host:443, or leave out the ':' to allow any port");
    assertError(
        prefix + "\"https://api.example.com\"]}}",
        1,
        column,
        "\"https://api.example.com\" looks like a URL: write only the host and port, like"
            + " \"api.example.com:443\"");
    assertError(
        prefix + "\"api example.com\"]}}",
        1,
        column,
        "invalid character ' ' in host \"api example.com\": host names use letters, digits, '-',"
            + " '_' and '.'");
    assertError(
        prefix + "\"a..example.com\"]}}",
        1,
        column,
        "\"a..example.com\" has an empty label; use \"*.example.com\" to match subdomains");
    assertError(
        prefix + "\"**.example.com\"]}}",
        1,
        column,
        "\"**.example.com\": '**' is not allowed; a leading '*.' matches one or more labels");
    assertError(
        prefix + "\"10.0.0.256\"]}}",
        1,
        column,
        "invalid IPv4 address \"10.0.0.256\": 256 is over 255");
    assertError(
        prefix + "\"010.0.0.1\"]}}",
        1,
        column,
        "invalid IPv4 address \"010.0.0.1\": leading zeros are ambiguous (octal to some tools);"
            + " remove them");
    assertError(prefix + "\"[::1\"]}}", 1, column, "\"[::1\": missing ']' after the IPv6 address");
    assertError(
        prefix + "\"[10.0.0.1]:80\"]}}",
        1,
        column,
        "\"[10.0.0.1]:80\": square brackets are only for IPv6 addresses, like [fd00::1]:443");
    assertError(
        prefix + "\"1::2::3\"]}}",
        1,
        column,
        "invalid IPv6 address \"1::2::3\": '::' may appear only once");
    assertError(
        prefix + "\"example.com/24\"]}}",
        1,
        column,
        "\"example.com/24\": a host name has no '/' part; CIDR blocks are written with an IP"
            + " address, like 10.0.0.0/8");
  }

  @Test
  void loadReadsUtf8FilesAndReportsUnreadableOnesAtLineZero(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.json");
    Files.writeString(file, REALISTIC, StandardCharsets.UTF_8);
    assertEquals(EXACT, Policy.load(file).process("/usr/bin/convert"));

    Path missing = dir.resolve("missing.json");
    PolicyException e = assertThrows(PolicyException.class, () -> Policy.load(missing));
    assertEquals(0, e.line());
    assertEquals(
        missing + ":0:0: cannot read the policy file: it does not exist (check WARDEN_POLICY)",
        e.getMessage());

    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});
    e = assertThrows(PolicyException.class, () -> Policy.load(latin1));
    assertEquals(0, e.line());
    assertTrue(e.getMessage().endsWith("not valid UTF-8; save it as UTF-8"), e.getMessage());

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n  \"mode\": \"enforce\",\n}");
    e = assertThrows(PolicyException.class, () -> Policy.load(broken));
    assertEquals(broken + ":2:20: trailing comma: remove the ',' before '}'", e.getMessage());
  }
}
