package dev.warden.agent.policy;

/**
 * A compiled path pattern. {@code *} matches within one segment, {@code ?} one character of a
 * segment, and {@code **} as a whole segment zero or more segments, so {@code /var/task/**} matches
 * {@code /var/task} itself and everything below. No regex: matching walks the path in place,
 * without allocating, because it runs on intercepted file opens.
 */
final class PathGlob {
  private static final String ANY_SEGMENTS = "**";

  private final String pattern;
  private final String[] segments;
  private final boolean[] literal;
  private final boolean[] anySegments;

  private PathGlob(String pattern, String[] segments) {
    this.pattern = pattern;
    this.segments = segments;
    this.literal = new boolean[segments.length];
    this.anySegments = new boolean[segments.length];
    for (int i = 0; i < segments.length; i++) {
      anySegments[i] = segments[i].equals(ANY_SEGMENTS);
      literal[i] = !hasWildcard(segments[i]);
    }
  }

  /**
   * Compiles an absolute, canonical pattern. Rejects what could never match a canonical path
   * ({@code ..}, {@code //}, a trailing slash) so that a typo fails loudly instead of silently
   * allowing nothing.
   */
  static PathGlob compile(String pattern) throws InvalidEntryException {
    checkPathSyntax(pattern);
    if (pattern.equals("/")) {
      return new PathGlob(pattern, new String[0]);
    }
    return new PathGlob(pattern, pattern.substring(1).split("/", -1));
  }

  /** The checks behind {@link #compile}, usable for entries that have no wildcard. */
  static void checkPathSyntax(String pattern) throws InvalidEntryException {
    if (!pattern.startsWith("/")) {
      throw new InvalidEntryException(
          "\"" + pattern + "\" is not an absolute path: write the full path starting with '/'");
    }
    if (pattern.length() > 1 && pattern.endsWith("/")) {
      String bare = pattern.substring(0, pattern.length() - 1);
      throw new InvalidEntryException(
          "\""
              + pattern
              + "\" ends with '/': write \""
              + bare
              + "\" for the directory itself or \""
              + bare
              + "/**\" for everything under it");
    }
    if (pattern.indexOf('\0') >= 0) {
      throw new InvalidEntryException("\"" + pattern + "\" contains a NUL character");
    }
    if (pattern.length() == 1) {
      return;
    }
    for (String segment : pattern.substring(1).split("/", -1)) {
      if (segment.isEmpty()) {
        throw new InvalidEntryException(
            "\"" + pattern + "\" has an empty segment ('//'): paths are compared canonical");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidEntryException(
            "\""
                + pattern
                + "\" has a '"
                + segment
                + "' segment: paths are compared after canonicalisation, so write the canonical"
                + " path");
      }
      if (segment.contains(ANY_SEGMENTS) && !segment.equals(ANY_SEGMENTS)) {
        throw new InvalidEntryException(
            "\""
                + pattern
                + "\": '**' must be a whole path segment, like /tmp/**; use '*' within a"
                + " segment");
      }
    }
  }

  static boolean hasWildcard(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
  }

  String pattern() {
    return pattern;
  }

  /** Matches an absolute path; the classic star-backtracking walk, over segments. */
  boolean matches(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) != '/') {
      return false;
    }
    int p = 0;
    // Start of the current path segment; past n once all segments are consumed. "/" has none.
    int s = n == 1 ? n + 1 : 1;
    int backtrackPattern = -1;
    int backtrackPath = -1;
    while (s <= n) {
      int end = segmentEnd(path, s);
      if (p < segments.length && !anySegments[p] && segmentMatches(p, path, s, end)) {
        p++;
        s = end + 1;
      } else if (p < segments.length && anySegments[p]) {
        backtrackPattern = p;
        backtrackPath = s;
        p++;
      } else if (backtrackPattern >= 0) {
        // Let the last ** swallow one more segment and retry what follows it.
        backtrackPath = segmentEnd(path, backtrackPath) + 1;
        p = backtrackPattern + 1;
        s = backtrackPath;
      } else {
        return false;
      }
    }
    while (p < segments.length && anySegments[p]) {
      p++;
    }
    return p == segments.length;
  }

  private static int segmentEnd(String path, int start) {
    int slash = path.indexOf('/', start);
    return slash < 0 ? path.length() : slash;
  }

  private boolean segmentMatches(int index, String path, int start, int end) {
    String segment = segments[index];
    if (literal[index]) {
      return end - start == segment.length() && path.regionMatches(start, segment, 0, end - start);
    }
    return wildcardMatches(segment, path, start, end);
  }

  /** {@code *} and {@code ?} within one segment, same backtracking idea over characters. */
  private static boolean wildcardMatches(String segment, String path, int start, int end) {
    int p = 0;
    int s = start;
    int starPattern = -1;
    int starPath = -1;
    int m = segment.length();
    while (s < end) {
      char pc = p < m ? segment.charAt(p) : 0;
      if (p < m && (pc == '?' || (pc != '*' && pc == path.charAt(s)))) {
        p++;
        s++;
      } else if (p < m && pc == '*') {
        starPattern = p++;
        starPath = s;
      } else if (starPattern >= 0) {
        p = starPattern + 1;
        s = ++starPath;
      } else {
        return false;
      }
    }
    while (p < m && segment.charAt(p) == '*') {
      p++;
    }
    return p == m;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
