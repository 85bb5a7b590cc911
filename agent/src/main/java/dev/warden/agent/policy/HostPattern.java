package dev.warden.agent.policy;

/**
 * A host name pattern: a leading {@code *.} matches one or more labels ({@code *.example.com}
 * matches {@code a.example.com} and {@code a.b.example.com}, not {@code example.com}); a {@code *}
 * anywhere else matches within its label ({@code api-*.example.com}). Names are compared lower
 * case, without a trailing dot.
 */
final class HostPattern {
  private final boolean anySubdomain;
  private final String[] labels;

  private HostPattern(boolean anySubdomain, String[] labels) {
    this.anySubdomain = anySubdomain;
    this.labels = labels;
  }

  /** From a pattern already lower-cased, without trailing dot, and validated by the caller. */
  static HostPattern of(String normalisedPattern) {
    boolean anySubdomain = normalisedPattern.startsWith("*.");
    String rest = anySubdomain ? normalisedPattern.substring(2) : normalisedPattern;
    return new HostPattern(anySubdomain, rest.split("\\.", -1));
  }

  /**
   * Matches a host name already lower-cased and without trailing dot; walks labels from the right.
   */
  boolean matches(String host) {
    int end = host.length();
    for (int i = labels.length - 1; i >= 0; i--) {
      if (end < 0) {
        return false;
      }
      int dot = host.lastIndexOf('.', end - 1);
      if (!labelMatches(labels[i], host, dot + 1, end)) {
        return false;
      }
      end = dot;
    }
    // end is now the index of the dot left of the matched labels, or -1 if the name is used up.
    return anySubdomain ? end > 0 : end == -1;
  }

  private static boolean labelMatches(String label, String host, int start, int end) {
    int p = 0;
    int s = start;
    int starLabel = -1;
    int starHost = -1;
    int m = label.length();
    while (s < end) {
      char pc = p < m ? label.charAt(p) : 0;
      if (p < m && pc != '*' && pc == host.charAt(s)) {
        p++;
        s++;
      } else if (p < m && pc == '*') {
        starLabel = p++;
        starHost = s;
      } else if (starLabel >= 0) {
        p = starLabel + 1;
        s = ++starHost;
      } else {
        return false;
      }
    }
    while (p < m && label.charAt(p) == '*') {
      p++;
    }
    return p == m;
  }
}
