package dev.warden.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directories of a file test, under the (canonical) temp dir: {@code allowed/} may be read and
 * written, {@code readonly/} only read, {@code denied/} neither.
 */
public record FileTree(Path root, Path allowed, Path readonly, Path denied) {
  public static final String ORIGINAL = "original content\n";

  public static FileTree create(Path tempDir) {
    try {
      Path root = tempDir.toRealPath();
      FileTree tree =
          new FileTree(
              root,
              Files.createDirectories(root.resolve("allowed")),
              Files.createDirectories(root.resolve("readonly")),
              Files.createDirectories(root.resolve("denied")));
      Files.writeString(tree.allowedFile(), "allowed data\n");
      Files.writeString(tree.victim(), ORIGINAL);
      Files.writeString(tree.secret(), "top secret\n");
      return tree;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path allowedFile() {
    return allowed.resolve("data.txt");
  }

  /** An existing file in the read-only directory. */
  public Path victim() {
    return readonly.resolve("victim.txt");
  }

  /** An existing file in the denied directory. */
  public Path secret() {
    return denied.resolve("secret.txt");
  }

  /**
   * The policy: read {@code allowed/} and {@code readonly/}, write {@code allowed/}. The test
   * classes and the JDK are readable too, so that only the operation under test can violate it.
   */
  public String policy(Jdk jdk) {
    return "{\"file\":{\"read\":["
        + Json.quote(allowed + "/**")
        + ","
        + Json.quote(readonly + "/**")
        + ","
        + Json.quote(Paths.testClasses() + "/**")
        + ","
        + Json.quote(realPath(jdk.home()) + "/**")
        + "],\"write\":["
        + Json.quote(allowed + "/**")
        + "]}}";
  }

  public static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
