package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.support.Paths;
import java.io.IOException;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped jar: only Warden's own classes (dependencies relocated) and a working manifest. */
class JarHygieneIT {
  @Test
  void everyClassIsWardensOwnOrRelocated() throws IOException {
    try (JarFile jar = new JarFile(Paths.agentJar().toFile())) {
      List<String> strays =
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> n.endsWith(".class"))
              .filter(n -> !n.startsWith("dev/warden/") && !n.startsWith("java/lang/Warden"))
              .collect(Collectors.toList());
      assertEquals(List.of(), strays, "classes outside dev/warden/ and java/lang/Warden*");
      assertTrue(
          jar.stream().anyMatch(e -> e.getName().startsWith("java/lang/Warden")),
          "the bootstrap part (java/lang/Warden*) is missing");
      assertTrue(
          jar.stream().anyMatch(e -> e.getName().equals("java/lang/WardenBlockedException.class")),
          "java/lang/WardenBlockedException is missing");
    }
  }

  @Test
  void thirdPartyClassesAreRelocatedUnderShaded() throws IOException {
    try (JarFile jar = new JarFile(Paths.agentJar().toFile())) {
      List<String> unrelocated =
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> n.endsWith(".class") && n.startsWith("dev/warden/"))
              .filter(n -> n.matches("dev/warden/.*/(bytebuddy|opentelemetry|asm)/.*"))
              .filter(n -> !n.startsWith("dev/warden/agent/shaded/"))
              .collect(Collectors.toList());
      assertEquals(List.of(), unrelocated, "dependencies outside dev/warden/agent/shaded/");
    }
  }

  @Test
  void manifestDeclaresPremainAndRetransform() throws IOException {
    try (JarFile jar = new JarFile(Paths.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      String premain = main.getValue("Premain-Class");
      assertTrue(premain != null && !premain.isBlank(), "no Premain-Class");
      assertTrue(
          jar.getEntry(premain.replace('.', '/') + ".class") != null, "Premain-Class missing");
      assertEquals("true", main.getValue("Can-Retransform-Classes"));
    }
  }
}
