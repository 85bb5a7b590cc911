package dev.warden.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDKs every forked test runs on: JDK 17 and the first Temurin 25 under /usr/lib/jvm, or the
 * comma-separated homes in the system property or environment variable {@code WARDEN_TEST_JDKS}.
 */
public final class Jdks {
  static final String OVERRIDE = "WARDEN_TEST_JDKS";
  private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
  private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

  private static List<Jdk> all;

  private Jdks() {}

  public static synchronized List<Jdk> all() {
    if (all == null) {
      all = List.copyOf(discover());
    }
    return all;
  }

  public static Stream<Jdk> stream() {
    return all().stream();
  }

  private static List<Jdk> discover() {
    String override = System.getProperty(OVERRIDE, System.getenv(OVERRIDE));
    List<Jdk> jdks = new ArrayList<>();
    if (override != null && !override.isBlank()) {
      for (String home : override.split(",")) {
        if (!home.isBlank()) {
          jdks.add(Jdk.at(Path.of(home.trim())));
        }
      }
      return jdks;
    }
    if (!Files.isDirectory(JDK_17)) {
      throw new IllegalStateException(
          "JDK 17 not found at " + JDK_17 + "; install openjdk-17-jdk or set " + OVERRIDE);
    }
    jdks.add(Jdk.at(JDK_17));
    jdks.add(Jdk.at(firstTemurin25()));
    return jdks;
  }

  private static Path firstTemurin25() {
    try (Stream<Path> dirs = Files.list(JVM_DIR)) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("temurin-25"))
          .filter(Files::isDirectory)
          .sorted()
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "No JDK 25 found as /usr/lib/jvm/temurin-25*: every forked test must run on"
                          + " JDK 17 and 25. Install Temurin 25, or set "
                          + OVERRIDE
                          + " (comma-separated JDK homes) to run on fewer JDKs."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
