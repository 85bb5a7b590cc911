package dev.warden.agent.premain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The agent's own class loader: defines classes straight from the agent jar. A {@code
 * URLClassLoader} spends about half of the agent's class-loading time at start-up in its generic
 * machinery (class path lookup, per-class code sources, manifest checks), all of it interpreted
 * that early; this loader does one zip lookup and one {@code defineClass} per class. Its parent is
 * the platform loader, so the agent never sees the function's classes.
 */
final class AgentClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final ZipFile jar;
  private final URL jarUrl;
  private final ProtectionDomain protectionDomain;
  private final String implementationTitle;
  private final String implementationVersion;

  AgentClassLoader(URL jarUrl, String jarPath) throws IOException {
    this(jarUrl, jarPath, ClassLoader.getPlatformClassLoader());
  }

  /** With another parent than the platform loader: for tests. */
  AgentClassLoader(URL jarUrl, String jarPath, ClassLoader parent) throws IOException {
    super("warden", parent);
    this.jar = new ZipFile(jarPath);
    this.jarUrl = jarUrl;
    this.protectionDomain =
        new ProtectionDomain(new CodeSource(jarUrl, (CodeSigner[]) null), null, this, null);
    Attributes main = readManifest().getMainAttributes();
    this.implementationTitle = main.getValue(Attributes.Name.IMPLEMENTATION_TITLE);
    this.implementationVersion = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
  }

  private Manifest readManifest() throws IOException {
    ZipEntry entry = jar.getEntry("META-INF/MANIFEST.MF");
    if (entry == null) {
      return new Manifest();
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return new Manifest(in);
    }
  }

  /**
   * The agent's classes that premain loads, in the order it loads them (mostly Byte Buddy's, for
   * weaving), listed at build time: loaded (not initialised) on a second thread while premain runs,
   * so that premain finds most of them defined. Loading only: no static initialiser runs on this
   * thread, so the two threads cannot deadlock on class initialisation.
   */
  static final String PREMAIN_CLASSES = "dev/warden/agent/premain/premain-classes.txt";

  void preloadInBackground() {
    Thread preloader = new Thread(new Preloading(), "warden-preload");
    preloader.setDaemon(true);
    preloader.start();
  }

  private void preloadListedClasses() {
    try (InputStream list = getResourceAsStream(PREMAIN_CLASSES)) {
      if (list == null) {
        return;
      }
      for (String name : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        try {
          Class.forName(name.trim(), false, this);
        } catch (ClassNotFoundException | LinkageError stale) {
          // premain loads what it needs itself
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // only a head start
    }
  }

  private final class Preloading implements Runnable {
    @Override
    public void run() {
      preloadListedClasses();
    }
  }

  /**
   * The agent's own classes, relocated dependencies included: only this loader's jar has them, so
   * they are looked up there first.
   */
  private static final String OWN_CLASSES = "dev.warden.";

  /**
   * The agent's own classes straight from the jar, without asking the platform loader first: that
   * asks the boot loader, finds nothing and throws a {@code ClassNotFoundException} with a stack
   * trace for each of the ~600 classes loaded at start-up (about 10 ms of CPU, interpreted).
   * Everything else is delegated as usual.
   */
  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(OWN_CLASSES)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = findClass(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    ZipEntry entry = jar.getEntry(name.replace('.', '/').concat(".class"));
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] classFile;
    try (InputStream in = jar.getInputStream(entry)) {
      classFile = readEntry(in, entry);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageOf(name);
    return defineClass(name, classFile, 0, classFile.length, protectionDomain);
  }

  /** The entry's bytes in one array of its size (the jar's entries are stored, sizes known). */
  private static byte[] readEntry(InputStream in, ZipEntry entry) throws IOException {
    long size = entry.getSize();
    if (size < 0 || size > Integer.MAX_VALUE) {
      return in.readAllBytes();
    }
    byte[] bytes = new byte[(int) size];
    int read = in.readNBytes(bytes, 0, bytes.length);
    if (read != bytes.length) {
      throw new IOException("short read of " + entry.getName() + ": " + read + " of " + size);
    }
    return bytes;
  }

  private void definePackageOf(String className) {
    int lastDot = className.lastIndexOf('.');
    if (lastDot < 0) {
      return;
    }
    String packageName = className.substring(0, lastDot);
    if (getDefinedPackage(packageName) == null) {
      try {
        definePackage(
            packageName, null, null, null, implementationTitle, implementationVersion, null, null);
      } catch (IllegalArgumentException definedMeanwhile) {
        // Another thread defined it first: same attributes.
      }
    }
  }

  @Override
  protected URL findResource(String name) {
    if (jar.getEntry(name) == null) {
      return null;
    }
    try {
      return new URL("jar:" + jarUrl + "!/" + name);
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
  }

  /**
   * Straight from the jar for the agent's own entries (Byte Buddy reads advice class files this
   * way), without building and opening a {@code jar:} URL.
   */
  @Override
  public InputStream getResourceAsStream(String name) {
    ZipEntry entry = jar.getEntry(name);
    if (entry != null) {
      try {
        return jar.getInputStream(entry);
      } catch (IOException e) {
        return null;
      }
    }
    return super.getResourceAsStream(name);
  }
}
