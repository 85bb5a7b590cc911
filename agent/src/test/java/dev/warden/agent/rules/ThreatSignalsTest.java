package dev.warden.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThreatSignalsTest {
  @Test
  void programNamesDropDirectoriesCaseAndVersions() {
    assertEquals("python", ThreatSignals.programName("/usr/bin/python3.12"));
    assertEquals("bash", ThreatSignals.programName("/bin/BASH"));
    assertEquals("convert", ThreatSignals.programName("/usr/bin/convert"));
  }

  @Test
  void classifiesPrograms() {
    assertTrue(ThreatSignals.isShell("/bin/sh"));
    assertTrue(ThreatSignals.isShell("/usr/bin/dash"));
    assertTrue(ThreatSignals.isInterpreter("/usr/bin/python3"));
    assertTrue(ThreatSignals.isNetworkTool("/usr/bin/curl"));
    assertFalse(ThreatSignals.isShell("/usr/bin/convert"));
    assertFalse(ThreatSignals.isNetworkTool("/usr/bin/hostnamectl"));
  }

  @Test
  void droppedAndFilelessCodeIsExecutionFromWritableLocation() {
    assertTrue(ThreatSignals.executesFromWritableLocation("/tmp/payload", List.of()));
    assertTrue(ThreatSignals.executesFromWritableLocation("/dev/shm/x", List.of()));
    assertTrue(ThreatSignals.executesFromWritableLocation("/proc/42/fd/7", List.of()));
    assertTrue(ThreatSignals.executesFromWritableLocation("memfd:x (deleted)", List.of()));
    assertTrue(ThreatSignals.executesFromWritableLocation("/bin/sh", List.of("/tmp/x.sh")));
    assertTrue(
        ThreatSignals.executesFromWritableLocation(
            "/bin/sh", List.of("-c", "chmod +x /tmp/x && /tmp/x")));
    assertFalse(
        ThreatSignals.executesFromWritableLocation("/usr/bin/convert", List.of("/tmp/in.png")));
    assertFalse(ThreatSignals.executesFromWritableLocation("/bin/sh", List.of("-c", "echo hi")));
    assertFalse(
        ThreatSignals.executesFromWritableLocation("/bin/sh", List.of("-c", "touch /tmp/marker")));
    assertTrue(
        ThreatSignals.executesFromWritableLocation("/bin/sh", List.of("-c", "X=1 /tmp/a | cat")));
    assertTrue(
        ThreatSignals.executesFromWritableLocation("/bin/bash", List.of("-c", "echo; . /tmp/env")));
    assertTrue(
        ThreatSignals.executesFromWritableLocation("/usr/bin/python3", List.of("-u", "/tmp/x.py")));
    assertFalse(
        ThreatSignals.executesFromWritableLocation(
            "/usr/bin/python3", List.of("-c", "open('/tmp/x')")));
  }

  @Test
  void secretsAndProcessMemory() {
    assertTrue(ThreatSignals.isSecretFile("/proc/123/environ"));
    assertTrue(ThreatSignals.isSecretFile("/proc/123/task/124/environ"));
    assertTrue(ThreatSignals.isSecretFile("/root/.aws/credentials"));
    assertTrue(ThreatSignals.isSecretFile("/home/sbx_user1051/.ssh/id_ed25519"));
    assertTrue(ThreatSignals.isSecretFile("/etc/shadow"));
    assertFalse(ThreatSignals.isSecretFile("/proc/123/status"));
    assertFalse(ThreatSignals.isSecretFile("/var/task/environ.txt"));
    assertTrue(ThreatSignals.isProcessMemory("/proc/123/mem"));
    assertTrue(ThreatSignals.isProcessMemory("/proc/kcore"));
    assertFalse(ThreatSignals.isProcessMemory("/proc/123/meminfo"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4a6f686e20446f652c2070617373776f72643a2068756e74657232.evil.example",
        "mzxw6ytboi2dcmrsgm4tinjwg44dsmbrgiztinjwgy.x.example.com",
        "aGVsbG8gd29ybGQgdGhpcyBpcyBzZWNyZXQ9MTIz.data.example.net",
        "a1b2c3d4e5f60718293a4b5c6d7e8f90.t.example.org",
      })
  void exfiltrationShapedNames(String name) {
    assertTrue(ThreatSignals.looksLikeExfiltration(name), name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3.us-east-1.amazonaws.com",
        "my-load-balancer-1234567890.us-west-2.elb.amazonaws.com",
        "my-company-production-assets-bucket.s3.amazonaws.com",
        "abcdef1234.execute-api.eu-west-1.amazonaws.com",
        "d111111abcdef8.cloudfront.net",
        "dynamodb.us-east-1.amazonaws.com",
        "localhost",
        "api.example.com",
        "sqs.ap-southeast-2.amazonaws.com",
      })
  void ordinaryCloudNamesAreNotExfiltration(String name) {
    assertFalse(ThreatSignals.looksLikeExfiltration(name), name);
  }

  @Test
  void veryLongNamesAreExfiltration() {
    String label = "abcdefghij";
    String name = String.join(".", java.util.Collections.nCopies(19, label));
    assertTrue(ThreatSignals.looksLikeExfiltration(name));
  }

  @Test
  void alertsShowAnExfiltrationNameWithoutItsPayload() {
    String name = "4157535f5345435245545f4143434553535f4b45593d.x.example.com";
    assertEquals("415753…[44 chars].x.example.com", ThreatSignals.maskEncodedLabels(name));
    assertEquals("api.example.com", ThreatSignals.maskEncodedLabels("api.example.com"));
  }
}
