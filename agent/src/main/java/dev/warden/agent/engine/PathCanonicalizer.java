package dev.warden.agent.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the path a program gave into the one the kernel will use: absolute, {@code .} and {@code
 * ..} removed, symbolic links resolved — also for a file that does not exist yet (a write that
 * creates it), including a dangling link that the write would follow. Costs a few system calls, so
 * callers cache the result per requested path.
 */
final class PathCanonicalizer {
  private static final int MAX_LINKS = 40;

  private final String workingDirectory;

  PathCanonicalizer(String workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  /** Absolute and lexically normal; no system call. */
  String normalize(String path) {
    String absolute =
        path.startsWith("/") ? path : workingDirectory + (path.isEmpty() ? "" : "/" + path);
    if (isNormal(absolute)) {
      return absolute;
    }
    StringBuilder out = new StringBuilder(absolute.length());
    int start = 0;
    while (start < absolute.length()) {
      int slash = absolute.indexOf('/', start);
      int end = slash < 0 ? absolute.length() : slash;
      String segment = absolute.substring(start, end);
      if (segment.equals("..")) {
        int last = out.lastIndexOf("/");
        out.setLength(Math.max(last, 0));
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        out.append('/').append(segment);
      }
      start = end + 1;
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  /**
   * Absolute, normal, with every symbolic link resolved in the kernel's order: a {@code ..} after a
   * link leaves the link's target, not the link's directory (lexical normalisation first would let
   * {@code allowed/link/../secret} pass as {@code allowed/secret}).
   */
  String canonicalize(String path) {
    String absolute = path.startsWith("/") ? path : workingDirectory + "/" + path;
    return resolve(absolute, 0);
  }

  private String resolve(String absolute, int depth) {
    if (depth > MAX_LINKS) {
      return normalize(absolute);
    }
    Path candidate;
    try {
      candidate = Path.of(absolute);
      return candidate.toRealPath().toString();
    } catch (IOException | RuntimeException missing) {
      // Does not exist (yet), or the path is not valid: resolve what does exist.
      candidate = null;
    }
    try {
      candidate = Path.of(absolute);
      if (Files.isSymbolicLink(candidate)) {
        // A dangling link: a write through it creates its target.
        Path pointsTo = Files.readSymbolicLink(candidate);
        Path parent = candidate.getParent();
        String next =
            pointsTo.isAbsolute()
                ? pointsTo.toString()
                : resolve(parent == null ? "/" : parent.toString(), depth + 1) + "/" + pointsTo;
        return resolve(next, depth + 1);
      }
    } catch (IOException | RuntimeException unreadable) {
      return normalize(absolute);
    }
    Path parent = candidate.getParent();
    Path name = candidate.getFileName();
    if (parent == null || name == null || name.toString().equals("..")) {
      // Above a missing directory: the kernel would fail the call; judge the lexical form.
      return normalize(absolute);
    }
    String resolvedParent = resolve(parent.toString(), depth);
    if (name.toString().equals(".")) {
      return resolvedParent;
    }
    return resolvedParent.equals("/") ? "/" + name : resolvedParent + "/" + name;
  }

  private static boolean isNormal(String absolute) {
    int length = absolute.length();
    if (length > 1 && absolute.charAt(length - 1) == '/') {
      return false;
    }
    for (int i = 0; i < length - 1; i++) {
      if (absolute.charAt(i) == '/') {
        char next = absolute.charAt(i + 1);
        if (next == '/') {
          return false;
        }
        if (next == '.'
            && (i + 2 == length
                || absolute.charAt(i + 2) == '/'
                || (absolute.charAt(i + 2) == '.'
                    && (i + 3 == length || absolute.charAt(i + 3) == '/')))) {
          return false;
        }
      }
    }
    return true;
  }
}
