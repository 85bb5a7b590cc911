package dev.warden.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathGlobTest {

  private static boolean matches(String pattern, String path) throws InvalidEntryException {
    return PathGlob.compile(pattern).matches(path);
  }

  @Test
  void doubleStarMatchesTheDirectoryItselfAndEverythingBelow() throws Exception {
    assertTrue(matches("/var/task/**", "/var/task"));
    assertTrue(matches("/var/task/**", "/var/task/a"));
    assertTrue(matches("/var/task/**", "/var/task/a/b/c.class"));
    assertFalse(matches("/var/task/**", "/var/taskforce"));
    assertFalse(matches("/var/task/**", "/var/tas"));
    assertFalse(matches("/var/task/**", "/var"));
  }

  @Test
  void doubleStarInTheMiddleMatchesZeroOrMoreSegments() throws Exception {
    assertTrue(matches("/opt/**/lib/*.so", "/opt/lib/a.so"));
    assertTrue(matches("/opt/**/lib/*.so", "/opt/x/y/lib/a.so"));
    assertTrue(matches("/opt/**/lib/*.so", "/opt/lib/lib/a.so"));
    assertFalse(matches("/opt/**/lib/*.so", "/opt/x/lib/sub/a.so"));
    assertTrue(matches("/a/**/**/b", "/a/b"));
    assertTrue(matches("/a/**/b/**/c", "/a/x/b/y/b/z/c"));
    assertFalse(matches("/a/**/b/**/c", "/a/x/c"));
  }

  @Test
  void rootPatterns() throws Exception {
    assertTrue(matches("/**", "/"));
    assertTrue(matches("/**", "/etc/passwd"));
    assertTrue(matches("/", "/"));
    assertFalse(matches("/", "/etc"));
    assertTrue(matches("/*", "/etc"));
    assertFalse(matches("/*", "/etc/passwd"));
    assertFalse(matches("/*", "/"));
  }

  @Test
  void starAndQuestionMarkStayWithinOneSegment() throws Exception {
    assertTrue(matches("/tmp/*", "/tmp/a.txt"));
    assertFalse(matches("/tmp/*", "/tmp/dir/a.txt"));
    assertFalse(matches("/tmp/*", "/tmp"));
    assertTrue(matches("/tmp/upload-*.tmp", "/tmp/upload-8f3a9c2e.tmp"));
    assertTrue(matches("/tmp/upload-*.tmp", "/tmp/upload-.tmp"));
    assertFalse(matches("/tmp/upload-*.tmp", "/tmp/upload-x/y.tmp"));
    assertTrue(matches("/tmp/*a*b*", "/tmp/xxaxxbxx"));
    assertFalse(matches("/tmp/*a*b*", "/tmp/xxbxxaxx"));
    assertTrue(matches("/tmp/file?.log", "/tmp/file1.log"));
    assertFalse(matches("/tmp/file?.log", "/tmp/file12.log"));
    assertFalse(matches("/tmp/file?.log", "/tmp/file/.log"));
    assertTrue(matches("/proc/*/status", "/proc/1234/status"));
  }

  @Test
  void matchingIsCaseSensitiveAndNeedsAnAbsolutePath() throws Exception {
    assertFalse(matches("/tmp/*.TXT", "/tmp/a.txt"));
    assertFalse(matches("/tmp/**", "tmp/a"));
    assertFalse(matches("/tmp/**", ""));
  }

  @Test
  void rejectsPatternsThatCouldNeverMatchACanonicalPath() {
    assertEquals(
        "\"tmp/**\" is not an absolute path: write the full path starting with '/'",
        assertThrows(InvalidEntryException.class, () -> PathGlob.compile("tmp/**")).getMessage());
    assertEquals(
        "\"/tmp/\" ends with '/': write \"/tmp\" for the directory itself or \"/tmp/**\" for"
            + " everything under it",
        assertThrows(InvalidEntryException.class, () -> PathGlob.compile("/tmp/")).getMessage());
    assertEquals(
        "\"/var/task/../etc\" has a '..' segment: paths are compared after canonicalisation, so"
            + " write the canonical path",
        assertThrows(InvalidEntryException.class, () -> PathGlob.compile("/var/task/../etc"))
            .getMessage());
    assertEquals(
        "\"/tmp//x\" has an empty segment ('//'): paths are compared canonical",
        assertThrows(InvalidEntryException.class, () -> PathGlob.compile("/tmp//x")).getMessage());
    assertEquals(
        "\"/tmp/**.json\": '**' must be a whole path segment, like /tmp/**; use '*' within a"
            + " segment",
        assertThrows(InvalidEntryException.class, () -> PathGlob.compile("/tmp/**.json"))
            .getMessage());
  }
}
