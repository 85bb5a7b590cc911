package dev.warden.agent.learn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns learned paths into patterns that will still match on the next cold start: random tokens
 * (UUIDs, temp-file numbers, hex ids, pids) become {@code *} within their segment, and a directory
 * with many learned files becomes {@code dir/*}. Never broader than one directory level: a learned
 * policy must stay least-privilege.
 */
final class PathGeneraliser {
  /**
   * Distinct learned files in one directory from which the directory is allowed as {@code dir/*}.
   */
  static final int SIBLINGS_TO_COLLAPSE = 5;

  private static final int MIN_HEX_RUN = 6;
  private static final int MIN_DIGIT_RUN = 4;
  private static final int UUID_LENGTH = 36;

  private PathGeneraliser() {}

  /**
   * The pattern for one canonical absolute path, with random tokens replaced; null when the path is
   * not absolute and canonical (the policy would reject it, so it is not learned).
   */
  static String generalise(String canonicalPath) {
    if (canonicalPath == null
        || !canonicalPath.startsWith("/")
        || canonicalPath.indexOf('\0') >= 0
        || hasUnpairedSurrogate(canonicalPath)) {
      return null;
    }
    String path = canonicalPath;
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.length() == 1) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    int start = 1;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      if (end == start) {
        return null;
      }
      String segment = path.substring(start, end);
      if (segment.equals(".") || segment.equals("..")) {
        return null;
      }
      out.append('/');
      appendGeneralisedSegment(segment, out);
      start = end + 1;
    }
    return out.toString();
  }

  /** Such a path cannot be written as UTF-8, so the written policy could not name it. */
  private static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Copies a segment, replacing random-looking tokens by a single '*' (never "**"). */
  static void appendGeneralisedSegment(String segment, StringBuilder out) {
    int n = segment.length();
    int i = 0;
    while (i < n) {
      if (isUuidAt(segment, i)) {
        appendStar(out);
        i += UUID_LENGTH;
        continue;
      }
      char c = segment.charAt(i);
      if (isHex(c)) {
        int runEnd = i;
        boolean hasDigit = false;
        while (runEnd < n && isHex(segment.charAt(runEnd))) {
          hasDigit |= isDigit(segment.charAt(runEnd));
          runEnd++;
        }
        if (runEnd - i >= MIN_HEX_RUN && hasDigit) {
          // Glued to a word ("upload5517..."): the word's hex-looking tail ("ad") is kept.
          int tokenStart = i;
          if (i > 0 && isAsciiLetter(segment.charAt(i - 1))) {
            while (!isDigit(segment.charAt(tokenStart))) {
              tokenStart++;
            }
          }
          out.append(segment, i, tokenStart);
          appendStar(out);
        } else {
          appendWithDigitRunsReplaced(segment, i, runEnd, out);
        }
        i = runEnd;
        continue;
      }
      if (c == '*') {
        appendStar(out);
      } else {
        out.append(c);
      }
      i++;
    }
  }

  private static void appendWithDigitRunsReplaced(
      String segment, int start, int end, StringBuilder out) {
    int i = start;
    while (i < end) {
      int runEnd = i;
      while (runEnd < end && isDigit(segment.charAt(runEnd))) {
        runEnd++;
      }
      if (runEnd - i >= MIN_DIGIT_RUN) {
        appendStar(out);
        i = runEnd;
      } else if (runEnd > i) {
        out.append(segment, i, runEnd);
        i = runEnd;
      } else {
        out.append(segment.charAt(i));
        i++;
      }
    }
  }

  private static void appendStar(StringBuilder out) {
    if (out.length() == 0 || out.charAt(out.length() - 1) != '*') {
      out.append('*');
    }
  }

  /** 8-4-4-4-12 hex digits, e.g. 123e4567-e89b-12d3-a456-426614174000. */
  private static boolean isUuidAt(String s, int start) {
    if (s.length() - start < UUID_LENGTH) {
      return false;
    }
    for (int k = 0; k < UUID_LENGTH; k++) {
      char c = s.charAt(start + k);
      boolean dashPosition = k == 8 || k == 13 || k == 18 || k == 23;
      if (dashPosition ? c != '-' : !isHex(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Replaces the learned entries of each directory holding at least {@link #SIBLINGS_TO_COLLAPSE}
   * of them (or already a {@code *} entry) by {@code dir/*}. Entries directly under {@code /} are
   * never collapsed: {@code /*} would cover {@code /etc}, {@code /proc} and the rest.
   */
  static SortedSet<String> collapseSiblings(Collection<String> patterns) {
    Map<String, List<String>> byDirectory = new TreeMap<>();
    for (String pattern : patterns) {
      int lastSlash = pattern.lastIndexOf('/');
      String directory = pattern.substring(0, lastSlash);
      List<String> children = byDirectory.get(directory);
      if (children == null) {
        children = new ArrayList<>();
        byDirectory.put(directory, children);
      }
      children.add(pattern.substring(lastSlash + 1));
    }
    SortedSet<String> result = new TreeSet<>();
    for (Map.Entry<String, List<String>> directory : byDirectory.entrySet()) {
      String parent = directory.getKey();
      List<String> children = directory.getValue();
      boolean collapse =
          !parent.isEmpty() && (children.size() >= SIBLINGS_TO_COLLAPSE || children.contains("*"));
      if (collapse) {
        result.add(parent + "/*");
      } else {
        for (String child : children) {
          result.add(parent + "/" + child);
        }
      }
    }
    return result;
  }
}
