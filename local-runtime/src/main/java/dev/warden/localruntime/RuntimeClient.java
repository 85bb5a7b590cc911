package dev.warden.localruntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Where the AWS Lambda runtime interface client's jars are, and its JNI library. */
final class RuntimeClient {
  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** A directory of jars: the RIC and its dependencies (the build fills target/runtime-client). */
  static final String DIRECTORY_PROPERTY = "warden.runtimeClient.dir";

  /** The RIC's own switch to load its JNI library from a path instead of unpacking it. */
  static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static final String JAR_PREFIX = "aws-lambda-java-runtime-interface-client";

  private RuntimeClient() {}

  /**
   * The RIC's jars: from {@code -Dwarden.runtimeClient.dir}, else from {@code runtime-client/}
   * beside this module's classes or jar (both live in {@code local-runtime/target/}).
   */
  static List<Path> locateClasspath() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return jarsIn(Path.of(configured), "-D" + DIRECTORY_PROPERTY);
    }
    Path beside = besideThisModule();
    if (beside != null && Files.isDirectory(beside)) {
      return jarsIn(beside, "the directory beside " + beside.getParent());
    }
    throw new IllegalStateException(
        "Cannot find the AWS Lambda runtime interface client's jars: build local-runtime with"
            + " 'mvn package' (it copies them to local-runtime/target/runtime-client/), set -D"
            + DIRECTORY_PROPERTY
            + "=DIR, or pass them to LocalLambdaRuntime.Builder.runtimeClientClasspath(...)");
  }

  private static Path besideThisModule() {
    CodeSource source = RuntimeClient.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      return location.toAbsolutePath().getParent().resolve("runtime-client");
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static List<Path> jarsIn(Path directory, String origin) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> jars =
          files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
      if (jars.stream().noneMatch(RuntimeClient::isRuntimeClientJar)) {
        throw new IllegalStateException(
            directory + " (from " + origin + ") holds no " + JAR_PREFIX + "-*.jar");
      }
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the runtime interface client directory " + directory, e);
    }
  }

  static boolean isRuntimeClientJar(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(JAR_PREFIX) && name.endsWith(".jar");
  }

  /**
   * Unpacks the RIC's JNI library once into {@code directory} and returns its path, or {@code null}
   * when the class path has no RIC jar with a library for this platform (the RIC then unpacks its
   * own).
   *
   * <p>Left to itself the RIC copies the library to the fixed path {@code
   * /tmp/.libaws-lambda-jni.so}, replacing it, in every JVM it starts: two function JVMs starting
   * at once (parallel test runs, two users) can load a half-written file, and another user's file
   * there is not replaceable. A content-named file, written by an atomic move, is shared safely.
   */
  static Path unpackJniLibrary(List<Path> classpath, Path directory) throws IOException {
    Path jar =
        classpath.stream().filter(RuntimeClient::isRuntimeClientJar).findFirst().orElse(null);
    if (jar == null) {
      return null;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry("jni/libaws-lambda-jni." + platform() + ".so");
      if (entry == null) {
        return null;
      }
      Path target =
          directory.resolve(
              "libaws-lambda-jni-"
                  + Long.toHexString(entry.getCrc())
                  + "-"
                  + entry.getSize()
                  + ".so");
      if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
        return target;
      }
      Files.createDirectories(directory);
      Path partial = Files.createTempFile(directory, "libaws-lambda-jni", ".partial");
      try {
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(partial);
      }
      return target;
    }
  }

  /** The RIC's name for this platform: {@code linux-x86_64}, {@code linux_musl-aarch_64}, ... */
  static String platform() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
    return (isMusl() ? "linux_musl-" : "linux-") + cpu;
  }

  private static boolean isMusl() {
    try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
      return lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** The Lambda Java runtime that {@code javaHome} stands for: {@code AWS_Lambda_java17}, ... */
  static String executionEnvironment(Path javaHome) {
    int major = javaMajorVersion(javaHome);
    return "AWS_Lambda_java" + (major > 0 ? major : 17);
  }

  /** The feature version from {@code <javaHome>/release}, or -1 when it cannot be read. */
  static int javaMajorVersion(Path javaHome) {
    try {
      for (String line : Files.readAllLines(javaHome.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          if (v.startsWith("1.")) {
            v = v.substring(2);
          }
          int end = 0;
          while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
          }
          return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return -1;
  }
}
