package dev.warden.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValuesTest {
  private static boolean hostShaped(String value) {
    return EventValues.of(Map.of("v", value)).mayAffectHosts();
  }

  @Test
  void hostShapedValuesAreUrlsHostPortsIpv4AddressesAndHostNames() {
    assertTrue(hostShaped("https://evil.example/x"));
    assertTrue(hostShaped("169.254.169.254"));
    assertTrue(hostShaped("1.2.3.4."), "a trailing dot still makes four labels");
    assertTrue(hostShaped("internal-host:8080"));
    assertTrue(hostShaped("api.example.com"));
    assertTrue(hostShaped("example.com"));
    assertTrue(hostShaped("a.b.c"), "three labels or more");
    assertFalse(hostShaped("report.pdf"), "a file name");
    assertFalse(hostShaped("1.2.3"), "not four numbers");
    assertFalse(hostShaped("Mozilla/5.0 (X11)"));
    assertFalse(hostShaped("plain"));
    assertFalse(hostShaped("a_b.com"), "not a host name character");
  }

  @Test
  void theSourceOfAValueIsItsJsonPointerBuiltOnlyForValuesKept() {
    EventValues values =
        EventValues.of(
            Map.of(
                "queryStringParameters", Map.of("url", "http://10.0.0.1/"),
                "multiValueHeaders", Map.of("a/b~c", List.of("plain", "x; rm -rf /"))));
    EventValues.Value host = values.hostInjection("10.0.0.1", "10.0.0.1");
    assertEquals("/queryStringParameters/url", host.pointer());
    EventValues.Value shell =
        values.commandInjection(List.of("/bin/sh", "-c", "echo x; rm -rf /"), true);
    assertEquals("/multiValueHeaders/a~1b~0c/1", shell.pointer());
    assertNull(values.hostInjection("example.org", "93.184.216.34"));
  }
}
