package dev.warden.agent.policy;

import static dev.warden.agent.policy.Allowance.BROAD;
import static dev.warden.agent.policy.Allowance.DENIED;
import static dev.warden.agent.policy.Allowance.EXACT;
import static dev.warden.agent.policy.Allowance.NO_SECTION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworkTest {

  private static Policy network(String... entries) throws PolicyException {
    StringBuilder list = new StringBuilder();
    for (String entry : entries) {
      list.append(list.length() == 0 ? "" : ", ").append('"').append(entry).append('"');
    }
    return Policy.parse("p.json", "{\"network\": {\"allow\": [" + list + "]}}");
  }

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByAddress(IpLiterals.parseOrNull(literal));
  }

  @Test
  void exactHostNameWithAndWithoutPort() throws Exception {
    Policy policy = network("api.example.com", "db.example.com:5432");
    assertEquals(EXACT, policy.network("api.example.com", null, 443));
    assertEquals(EXACT, policy.network("api.example.com", ip("1.2.3.4"), 8080));
    assertEquals(EXACT, policy.network("db.example.com", null, 5432));
    assertEquals(DENIED, policy.network("db.example.com", null, 5433));
    assertEquals(DENIED, policy.network("x.api.example.com", null, 443));
    assertEquals(DENIED, policy.network("example.com", null, 443));
  }

  @Test
  void hostNamesIgnoreCaseAndATrailingDot() throws Exception {
    Policy policy = network("API.Example.com.", "*.AmazonAWS.com:443");
    assertEquals(EXACT, policy.network("api.example.com", null, 443));
    assertEquals(EXACT, policy.network("Api.EXAMPLE.com.", null, 443));
    assertEquals(BROAD, policy.network("S3.us-east-1.amazonaws.COM.", null, 443));
    assertEquals(EXACT, policy.dns("API.EXAMPLE.COM."));
  }

  @Test
  void leadingStarMatchesOneOrMoreLabelsButNotTheDomainItself() throws Exception {
    Policy policy = network("*.amazonaws.com:443");
    assertEquals(BROAD, policy.network("s3.amazonaws.com", null, 443));
    assertEquals(BROAD, policy.network("sqs.eu-west-1.amazonaws.com", null, 443));
    assertEquals(DENIED, policy.network("amazonaws.com", null, 443));
    assertEquals(DENIED, policy.network("evilamazonaws.com", null, 443));
    assertEquals(DENIED, policy.network("s3.amazonaws.com.evil.net", null, 443));
    assertEquals(DENIED, policy.network("s3.amazonaws.com", null, 80));
  }

  @Test
  void starInsideALabelStaysInThatLabel() throws Exception {
    Policy policy = network("api-*.example.com", "s3.*.amazonaws.com");
    assertEquals(BROAD, policy.network("api-eu.example.com", null, 443));
    assertEquals(DENIED, policy.network("api-eu.x.example.com", null, 443));
    assertEquals(DENIED, policy.network("web-eu.example.com", null, 443));
    assertEquals(BROAD, policy.network("s3.us-east-1.amazonaws.com", null, 443));
    assertEquals(DENIED, policy.network("s3.a.b.amazonaws.com", null, 443));
  }

  @Test
  void bareStarAllowsAnyHostOnItsPort() throws Exception {
    Policy policy = network("*:443");
    assertEquals(BROAD, policy.network("anything.example", null, 443));
    assertEquals(BROAD, policy.network(null, ip("8.8.8.8"), 443));
    assertEquals(DENIED, policy.network(null, ip("8.8.8.8"), 53));
    assertEquals(BROAD, policy.dns("anything.example"));
  }

  @Test
  void ipv4LiteralsAndCidrBoundaries() throws Exception {
    Policy policy =
        network("10.0.0.0/8", "192.168.1.10:8080", "172.16.0.0/12:5432", "0.0.0.0/0:53");
    assertEquals(BROAD, policy.network(null, ip("10.0.0.0"), 1));
    assertEquals(BROAD, policy.network(null, ip("10.255.255.255"), 1));
    assertEquals(DENIED, policy.network(null, ip("11.0.0.0"), 1));
    assertEquals(DENIED, policy.network(null, ip("9.255.255.255"), 1));
    assertEquals(BROAD, policy.network(null, ip("172.31.255.255"), 5432));
    assertEquals(DENIED, policy.network(null, ip("172.32.0.0"), 5432));
    assertEquals(DENIED, policy.network(null, ip("172.16.0.1"), 5433));
    assertEquals(EXACT, policy.network(null, ip("192.168.1.10"), 8080));
    assertEquals(DENIED, policy.network(null, ip("192.168.1.10"), 8081));
    assertEquals(DENIED, policy.network(null, ip("192.168.1.11"), 8080));
    assertEquals(BROAD, policy.network(null, ip("1.2.3.4"), 53));
    // A name that matches nothing is still allowed by its address.
    assertEquals(BROAD, policy.network("internal.corp", ip("10.1.2.3"), 443));
  }

  @Test
  void ipv6LiteralsBracketsPortsAndCidr() throws Exception {
    Policy policy =
        network("[::1]:8080", "fd00::/8", "[2001:db8::/32]:443", "2001:db8:0:0:0:0:0:7");
    assertEquals(EXACT, policy.network(null, ip("0:0:0:0:0:0:0:1"), 8080));
    assertEquals(DENIED, policy.network(null, ip("::1"), 8081));
    assertEquals(BROAD, policy.network(null, ip("fd12:3456::1"), 1));
    assertEquals(BROAD, policy.network(null, ip("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 1));
    assertEquals(DENIED, policy.network(null, ip("fe00::"), 1));
    assertEquals(DENIED, policy.network(null, ip("fc00::1"), 1));
    assertEquals(BROAD, policy.network(null, ip("2001:db8:ffff::1"), 443));
    assertEquals(DENIED, policy.network(null, ip("2001:db9::1"), 443));
    assertEquals(DENIED, policy.network(null, ip("2001:db8::1"), 80));
    assertEquals(EXACT, policy.network(null, ip("2001:db8::7"), 9));
    // An IPv4 CIDR never matches an IPv6 address.
    assertEquals(DENIED, network("0.0.0.0/0").network(null, ip("::2"), 1));
  }

  @Test
  void ipv4MappedIpv6AddressesAreJudgedAsIpv4() throws Exception {
    Policy policy = network("10.0.0.0/8", "192.0.2.1");
    assertEquals(EXACT, policy.network("::ffff:192.0.2.1", null, 80));
    assertEquals(BROAD, policy.network("[::ffff:10.1.1.1]", null, 80));
  }

  @Test
  void aHostNameThatIsAnIpLiteralIsJudgedAsAnAddress() throws Exception {
    Policy policy = network("10.0.0.5:443", "10.1.0.0/16");
    assertEquals(EXACT, policy.network("10.0.0.5", null, 443));
    assertEquals(BROAD, policy.network("10.1.9.9", null, 443));
    assertEquals(EXACT, policy.dns("10.0.0.5"));
    assertEquals(BROAD, policy.dns("10.1.2.3"));
    assertEquals(DENIED, policy.dns("10.2.0.1"));
  }

  @Test
  void exactNeedsTheEntryToNameTheTargetNotAWildcard() throws Exception {
    Policy policy = network("*.example.com", "api.example.com:443", "10.0.0.0/8", "10.0.0.7");
    assertEquals(EXACT, policy.network("api.example.com", null, 443));
    assertEquals(BROAD, policy.network("api.example.com", null, 80));
    assertEquals(BROAD, policy.network(null, ip("10.0.0.8"), 80));
    assertEquals(EXACT, policy.network(null, ip("10.0.0.7"), 80));
    assertEquals(EXACT, policy.network("api.example.com", ip("10.0.0.7"), 80));
  }

  @Test
  void dnsIgnoresPortsAndUsesHostEntries() throws Exception {
    Policy policy = network("api.example.com:443", "*.amazonaws.com:443", "10.0.0.0/8");
    assertEquals(EXACT, policy.dns("api.example.com"));
    assertEquals(BROAD, policy.dns("sts.amazonaws.com"));
    assertEquals(DENIED, policy.dns("exfil.attacker.net"));
    assertEquals(DENIED, policy.dns(null));
    assertEquals(DENIED, policy.dns(""));
  }

  @Test
  void noNetworkSectionMeansNoPolicy() throws Exception {
    Policy policy = Policy.parse("p.json", "{\"file\": {\"read\": []}}");
    assertEquals(NO_SECTION, policy.network("api.example.com", null, 443));
    assertEquals(NO_SECTION, policy.dns("api.example.com"));
    Policy empty = network();
    assertEquals(DENIED, empty.network("api.example.com", ip("1.1.1.1"), 443));
    assertEquals(DENIED, empty.dns("api.example.com"));
  }

  @Test
  void ipLiteralParsingAndFormatting() {
    assertArrayEquals(new byte[] {10, 0, 0, 1}, IpLiterals.parseOrNull("10.0.0.1"));
    assertNull(IpLiterals.parseOrNull("10.0.0"));
    assertNull(IpLiterals.parseOrNull("10.0.0.1.2"));
    assertNull(IpLiterals.parseOrNull("1:2:3:4:5:6:7:8:9"));
    assertNull(IpLiterals.parseOrNull("1::2::3"));
    assertNull(IpLiterals.parseOrNull("fe80::1%eth0"));
    assertNull(IpLiterals.parseOrNull(":1::"));
    assertNull(IpLiterals.parseOrNull("1:2:3:4:5:6:7:"));
    assertNull(IpLiterals.parseOrNull("12345::"));
    assertNull(IpLiterals.parseOrNull("example.com"));
    assertEquals("::1", IpLiterals.format(IpLiterals.parseOrNull("0:0:0:0:0:0:0:1")));
    assertEquals("::", IpLiterals.format(IpLiterals.parseOrNull("::")));
    assertEquals(
        "2001:db8::1:0:0:1", IpLiterals.format(IpLiterals.parseOrNull("2001:db8:0:0:1:0:0:1")));
    assertEquals(
        "2001:db8:0:1:1:1:1:1", IpLiterals.format(IpLiterals.parseOrNull("2001:db8::1:1:1:1:1")));
    assertEquals("1.2.3.4", IpLiterals.format(IpLiterals.parseOrNull("::ffff:1.2.3.4")));
    assertEquals("64:ff9b::102:304", IpLiterals.format(IpLiterals.parseOrNull("64:ff9b::1.2.3.4")));
  }
}
