package dev.warden.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One JDK the forked workloads run on; its name is what parameterized tests display. */
public record Jdk(Path home, int feature) {
  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"?(\\d+)", Pattern.MULTILINE);

  /** Reads the feature version from the JDK's {@code release} file. */
  public static Jdk at(Path home) {
    Path release = home.resolve("release");
    Path java = home.resolve("bin/java");
    if (!Files.isExecutable(java) || !Files.isRegularFile(release)) {
      throw new IllegalStateException(
          "Not a JDK home (no bin/java or release file): "
              + home
              + ". Fix WARDEN_TEST_JDKS (comma-separated JDK homes).");
    }
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(release));
      if (!m.find()) {
        throw new IllegalStateException("No JAVA_VERSION in " + release);
      }
      return new Jdk(home, Integer.parseInt(m.group(1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path java() {
    return home.resolve("bin/java");
  }

  @Override
  public String toString() {
    return "jdk" + feature;
  }
}
