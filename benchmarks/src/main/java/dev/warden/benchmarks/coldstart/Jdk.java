package dev.warden.benchmarks.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A JDK the function runs on, described from its {@code release} file. */
record Jdk(Path home, String version, String vendor) {

  static Jdk at(Path home) {
    if (!Files.isExecutable(home.resolve("bin/java"))) {
      throw new IllegalArgumentException("no executable bin/java under " + home);
    }
    Properties release = new Properties();
    try (var in = Files.newBufferedReader(home.resolve("release"))) {
      release.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + home.resolve("release"), e);
    }
    return new Jdk(
        home,
        unquote(release.getProperty("JAVA_VERSION", "?")),
        unquote(release.getProperty("IMPLEMENTOR", "")));
  }

  /** "JDK 17", the name used in tables and CSV rows. */
  String label() {
    int dot = version.indexOf('.');
    return "JDK " + (dot < 0 ? version : version.substring(0, dot));
  }

  /** "jdk17", for file names. */
  String fileLabel() {
    return label().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
  }

  private static String unquote(String value) {
    return value.replace("\"", "").trim();
  }
}
