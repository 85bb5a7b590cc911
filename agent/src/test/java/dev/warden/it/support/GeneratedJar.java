package dev.warden.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles {@code count} small classes {@code gen.C0..}, a service interface {@code gen.Plugin} and
 * its provider into a jar, for a workload to load from its class path.
 */
public final class GeneratedJar {
  private GeneratedJar() {}

  public static Path build(Path dir, int count) throws IOException {
    Path src = Files.createDirectories(dir.resolve("gen-src/gen"));
    Path classes = Files.createDirectories(dir.resolve("gen-classes"));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(
          write(
              src.resolve("C" + i + ".java"),
              "package gen; public class C"
                  + i
                  + " { public static Integer value() { return "
                  + i
                  + "; } }"));
    }
    files.add(write(src.resolve("Plugin.java"), "package gen; public interface Plugin {}"));
    files.add(
        write(
            src.resolve("PluginImpl.java"),
            "package gen; public class PluginImpl implements Plugin {"
                + " public String toString() { return \"plugin-impl\"; } }"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
    args.addAll(files);
    int rc = javac.run(null, null, null, args.toArray(String[]::new));
    assertTrue(rc == 0, "compiling the generated classes failed");

    Path jar = dir.resolve("generated.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/gen.Plugin"));
      OutputStream entry = out;
      entry.write("gen.PluginImpl\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static String write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    return file.toString();
  }
}
