package dev.warden.agent.premain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentClassLoaderTest {
  private static final String OWN_CLASS = Probe.class.getName();
  private static final String RESOURCE = "dev/warden/agent/premain/note.txt";

  @TempDir Path dir;

  /** A class of the agent's own namespace, copied into the test's jar. */
  public static final class Probe {}

  @Test
  void definesTheAgentsOwnClassesFromItsJarWithoutAskingTheParent() throws Exception {
    RecordingParent parent = new RecordingParent();
    AgentClassLoader loader = loaderOver(jarWithProbe(), parent);

    Class<?> probe = loader.loadClass(OWN_CLASS);

    assertSame(loader, probe.getClassLoader());
    assertNotSame(Probe.class, probe);
    assertSame(probe, loader.loadClass(OWN_CLASS), "defined once");
    assertTrue(
        parent.asked.stream().noneMatch(name -> name.startsWith("dev.warden.")),
        "the parent was asked for the agent's own classes: " + parent.asked);
  }

  @Test
  void delegatesEverythingElseToTheParent() throws Exception {
    RecordingParent parent = new RecordingParent();
    AgentClassLoader loader = loaderOver(jarWithProbe(), parent);

    assertSame(String.class, loader.loadClass("java.lang.String"));
    assertSame(Test.class, loader.loadClass(Test.class.getName()));
    assertTrue(parent.asked.contains("java.lang.String"), parent.asked.toString());
  }

  @Test
  void anOwnClassMissingFromTheJarIsNotFound() throws Exception {
    AgentClassLoader loader = loaderOver(jarWithProbe(), new RecordingParent());

    ClassNotFoundException missing =
        assertThrows(
            ClassNotFoundException.class,
            () -> loader.loadClass("dev.warden.agent.premain.NotInTheJar"));
    assertEquals("dev.warden.agent.premain.NotInTheJar", missing.getMessage());
  }

  @Test
  void readsResourcesStraightFromTheJar() throws Exception {
    AgentClassLoader loader = loaderOver(jarWithProbe(), new RecordingParent());

    try (InputStream note = loader.getResourceAsStream(RESOURCE)) {
      assertNotNull(note);
      assertArrayEquals("premain".getBytes(), note.readAllBytes());
    }
    assertNotNull(loader.getResource(RESOURCE));
  }

  private AgentClassLoader loaderOver(Path jar, ClassLoader parent) throws IOException {
    return new AgentClassLoader(jar.toUri().toURL(), jar.toString(), parent);
  }

  /** A jar laid out as the agent's: entries stored, not compressed. */
  private Path jarWithProbe() throws IOException {
    Path jar = dir.resolve("agent.jar");
    byte[] probe;
    try (InputStream in =
        Probe.class.getResourceAsStream(
            OWN_CLASS.substring(OWN_CLASS.lastIndexOf('.') + 1) + ".class")) {
      probe = in.readAllBytes();
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream entries = new JarOutputStream(out)) {
      stored(entries, OWN_CLASS.replace('.', '/') + ".class", probe);
      stored(entries, RESOURCE, "premain".getBytes());
    }
    return jar;
  }

  private static void stored(JarOutputStream jar, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    jar.putNextEntry(entry);
    jar.write(bytes);
    jar.closeEntry();
  }

  /** The platform loader, noting each name it is asked for. */
  private static final class RecordingParent extends ClassLoader {
    final List<String> asked = new CopyOnWriteArrayList<>();

    RecordingParent() {
      super(AgentClassLoaderTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      asked.add(name);
      return super.loadClass(name, resolve);
    }
  }
}
