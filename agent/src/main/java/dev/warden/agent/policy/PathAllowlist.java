package dev.warden.agent.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One path list of the policy ({@code file.read}, {@code process.allow}, ...), compiled. */
final class PathAllowlist {
  private final Set<String> exactPaths;
  private final PathGlob[] globs;

  private PathAllowlist(Set<String> exactPaths, PathGlob[] globs) {
    this.exactPaths = exactPaths;
    this.globs = globs;
  }

  /** Entries are compiled in order; the first invalid one throws, with its index in the list. */
  static PathAllowlist compile(List<String> entries, EntryErrorSink errors) throws PolicyException {
    Set<String> exact = new HashSet<>();
    List<PathGlob> globs = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      try {
        if (PathGlob.hasWildcard(entry)) {
          globs.add(PathGlob.compile(entry));
        } else {
          PathGlob.checkPathSyntax(entry);
          exact.add(entry);
        }
      } catch (InvalidEntryException e) {
        throw errors.at(i, e.getMessage());
      }
    }
    return new PathAllowlist(exact, globs.toArray(new PathGlob[0]));
  }

  Allowance judge(String canonicalPath) {
    if (canonicalPath == null) {
      return Allowance.DENIED;
    }
    if (exactPaths.contains(canonicalPath)) {
      return Allowance.EXACT;
    }
    for (PathGlob glob : globs) {
      if (glob.matches(canonicalPath)) {
        return Allowance.BROAD;
      }
    }
    return Allowance.DENIED;
  }

  /** Turns an entry's problem into a positioned policy error. */
  interface EntryErrorSink {
    PolicyException at(int entryIndex, String problem);
  }
}
