package dev.warden.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathCanonicalizerTest {
  private final PathCanonicalizer paths = new PathCanonicalizer("/work/dir");

  @Test
  void normalizesLexically() {
    assertEquals("/a/c", paths.normalize("/a/b/../c"));
    assertEquals("/a/b", paths.normalize("/a/./b/"));
    assertEquals("/a/b", paths.normalize("//a//b"));
    assertEquals("/", paths.normalize("/../.."));
    assertEquals("/work/dir/x", paths.normalize("x"));
    assertEquals("/work/x", paths.normalize("../x"));
    assertEquals("/a/..b", paths.normalize("/a/..b"));
  }

  @Test
  void resolvesSymlinksAlsoForFilesNotYetCreated(@TempDir Path dir) throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    String canonicalReal = real.toRealPath().toString();
    assertEquals(canonicalReal + "/new.txt", paths.canonicalize(link + "/new.txt"));
    assertEquals(canonicalReal + "/a/b.txt", paths.canonicalize(link + "/a/b.txt"));
  }

  @Test
  void followsDanglingLinksToWhereAWriteWouldLand(@TempDir Path dir) throws Exception {
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("target.txt"));
    assertEquals(
        dir.toRealPath().resolve("target.txt").toString(), paths.canonicalize(dangling.toString()));
  }

  @Test
  void dotDotThroughASymlinkLeavesTheLinkTargetLikeTheKernel(@TempDir Path dir) throws Exception {
    Path deep = Files.createDirectories(dir.resolve("x/y"));
    Path link = Files.createSymbolicLink(dir.resolve("l"), deep);
    Files.writeString(dir.resolve("x/existing"), "e");
    // dir/l/.. is dir/x, not dir: judging the lexical form would let allowed/link/../secret pass.
    assertEquals(dir.toRealPath().resolve("x/f").toString(), paths.canonicalize(link + "/../f"));
    assertEquals(
        dir.toRealPath().resolve("x/existing").toString(),
        paths.canonicalize(link + "/../existing"));
  }
}
