package dev.warden.agent.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathGeneraliserTest {

  @Test
  void replacesRandomTokensWithinTheirSegment() {
    assertEquals("/tmp/upload-*.tmp", PathGeneraliser.generalise("/tmp/upload-8f3a9c2e.tmp"));
    assertEquals("/tmp/tmp*.json", PathGeneraliser.generalise("/tmp/tmp1234567890123456789.json"));
    assertEquals(
        "/tmp/upload*.tmp", PathGeneraliser.generalise("/tmp/upload5517393398412380563.tmp"));
    assertEquals(
        "/tmp/*/out.json",
        PathGeneraliser.generalise("/tmp/123e4567-e89b-12d3-a456-426614174000/out.json"));
    assertEquals(
        "/tmp/job-*.log",
        PathGeneraliser.generalise("/tmp/job-DEADBEEF-0000-4000-8000-0123456789AB.log"));
    assertEquals("/proc/*/status", PathGeneraliser.generalise("/proc/1234/status"));
    assertEquals("/tmp/*", PathGeneraliser.generalise("/tmp/a1b2c3d4e5f6"));
  }

  @Test
  void keepsOrdinaryNames() {
    for (String path :
        List.of(
            "/var/task/lib/jackson-databind-2.15.2.jar",
            "/var/task/com/example/Handler.class",
            "/usr/lib/jvm/java-17-amazon-corretto/lib/modules",
            "/etc/hosts",
            "/tmp/facade/decade.txt",
            "/opt/lib/libvips.so.42",
            "/proc/self/environ",
            "/")) {
      assertEquals(path, PathGeneraliser.generalise(path));
    }
  }

  @Test
  void neverProducesDoubleStarsOrNonCanonicalPatterns() {
    assertEquals("/tmp/*", PathGeneraliser.generalise("/tmp/**"));
    assertEquals("/tmp/a", PathGeneraliser.generalise("/tmp/a/"));
    assertNull(PathGeneraliser.generalise("tmp/a"));
    assertNull(PathGeneraliser.generalise("/tmp/../etc/passwd"));
    assertNull(PathGeneraliser.generalise("/tmp//a"));
    assertNull(PathGeneraliser.generalise("/tmp/\uD800x"));
    assertNull(PathGeneraliser.generalise(null));
  }

  @Test
  void collapsesFiveSiblingsIntoOneDirectoryLevel() {
    Set<String> four = Set.of("/data/a", "/data/b", "/data/c", "/data/d", "/other/x");
    assertEquals(
        Set.of("/data/a", "/data/b", "/data/c", "/data/d", "/other/x"),
        PathGeneraliser.collapseSiblings(four));
    Set<String> five =
        Set.of("/data/a", "/data/b", "/data/c", "/data/d", "/data/e", "/data/sub/f", "/other/x");
    assertEquals(
        List.of("/data/*", "/data/sub/f", "/other/x"),
        List.copyOf(PathGeneraliser.collapseSiblings(five)));
  }

  @Test
  void aStarChildAbsorbsItsSiblingsButTheRootIsNeverCollapsed() {
    assertEquals(
        List.of("/tmp/*"),
        List.copyOf(PathGeneraliser.collapseSiblings(Set.of("/tmp/*", "/tmp/a"))));
    Set<String> rootChildren = Set.of("/a", "/b", "/c", "/d", "/e", "/f");
    assertEquals(rootChildren, PathGeneraliser.collapseSiblings(rootChildren));
  }
}
