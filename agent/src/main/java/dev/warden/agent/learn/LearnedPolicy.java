package dev.warden.agent.learn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learn mode: records each distinct operation the function needed and writes the least-privilege
 * policy that allows exactly those, in the policy file format. Every section except {@code library}
 * is always written, empty lists included, because an absent section would mean "anything goes".
 *
 * <p>Thread-safe. Recording an already-seen target is one concurrent-set lookup; a new one is
 * generalised (random tokens become {@code *}) once.
 */
public final class LearnedPolicy {
  /**
   * How many raw targets of one kind are remembered for the fast path. Bounded because a function
   * that writes a fresh temp file per invocation would otherwise grow the set for the environment's
   * whole life; past the bound, new raw targets are just generalised again.
   */
  static final int MAX_REMEMBERED_RAW_TARGETS = 10_000;

  private final LearnedPaths reads = new LearnedPaths();
  private final LearnedPaths writes = new LearnedPaths();
  private final LearnedPaths processes = new LearnedPaths();
  private final LearnedPaths libraries = new LearnedPaths();

  private final Set<NetworkTarget> seenNetworkTargets = ConcurrentHashMap.newKeySet();
  private final Set<String> networkEntries = ConcurrentHashMap.newKeySet();
  // Hosts that have a host:port entry, so a DNS lookup of the same name adds nothing.
  private final Set<String> connectedHosts = ConcurrentHashMap.newKeySet();
  private final Set<String> seenDnsNames = ConcurrentHashMap.newKeySet();
  private final Set<String> dnsHosts = ConcurrentHashMap.newKeySet();

  private volatile boolean changed;

  private record NetworkTarget(String hostName, String address, int port) {}

  /** Raw targets seen (fast path) and the patterns learned from them. */
  private final class LearnedPaths {
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    final Set<String> patterns = ConcurrentHashMap.newKeySet();

    void record(String canonicalPath) {
      if (canonicalPath == null || seen.contains(canonicalPath)) {
        return;
      }
      String pattern = PathGeneraliser.generalise(canonicalPath);
      if (pattern != null && patterns.add(pattern)) {
        changed = true;
      }
      if (seen.size() < MAX_REMEMBERED_RAW_TARGETS) {
        seen.add(canonicalPath);
      }
    }
  }

  public void recordRead(String canonicalPath) {
    reads.record(canonicalPath);
  }

  public void recordWrite(String canonicalPath) {
    writes.record(canonicalPath);
  }

  public void recordProcess(String canonicalExecutable) {
    processes.record(canonicalExecutable);
  }

  public void recordLibrary(String canonicalPath) {
    libraries.record(canonicalPath);
  }

  /**
   * A connection or datagram. Learned as {@code name:port} when the name is known (names survive
   * the address changes of cloud endpoints), else {@code address:port}.
   */
  public void recordNetwork(String hostNameOrNull, String addressLiteral, int port) {
    NetworkTarget target = new NetworkTarget(hostNameOrNull, addressLiteral, port);
    if (seenNetworkTargets.contains(target)) {
      return;
    }
    String host = NetworkTargets.hostForName(hostNameOrNull);
    if (host == null) {
      host = NetworkTargets.hostForAddress(addressLiteral);
    }
    if (host != null) {
      connectedHosts.add(host);
      if (networkEntries.add(NetworkTargets.entry(host, port))) {
        changed = true;
      }
    }
    if (seenNetworkTargets.size() < MAX_REMEMBERED_RAW_TARGETS) {
      seenNetworkTargets.add(target);
    }
  }

  /** A name lookup; written as a bare name only when no connection to that name was learned. */
  public void recordDns(String name) {
    if (name == null || seenDnsNames.contains(name)) {
      return;
    }
    String host = NetworkTargets.hostForName(name);
    if (host != null && dnsHosts.add(host)) {
      changed = true;
    }
    if (seenDnsNames.size() < MAX_REMEMBERED_RAW_TARGETS) {
      seenDnsNames.add(name);
    }
  }

  /** True when something was learned since the last successful {@link #writeTo}. */
  public boolean hasUnwrittenChanges() {
    return changed;
  }

  /** The learned policy: pretty-printed, sorted, stable for the same operations. */
  public String toPolicyJson() {
    SortedSet<String> network = new TreeSet<>(networkEntries);
    for (String host : dnsHosts) {
      if (!connectedHosts.contains(host)) {
        network.add(host);
      }
    }
    StringBuilder out = new StringBuilder(1024);
    out.append("{\n  \"mode\": \"enforce\",\n");
    out.append("  \"network\": {\n");
    appendList(out, "allow", network, true);
    out.append("  },\n  \"file\": {\n");
    appendList(out, "read", PathGeneraliser.collapseSiblings(reads.patterns), false);
    appendList(out, "write", PathGeneraliser.collapseSiblings(writes.patterns), true);
    out.append("  },\n  \"process\": {\n");
    // No sibling collapse for executables and libraries: "/usr/bin/*" would allow every tool.
    appendList(out, "allow", new TreeSet<>(processes.patterns), true);
    out.append("  }");
    if (!libraries.patterns.isEmpty()) {
      out.append(",\n  \"library\": {\n");
      appendList(out, "allow", new TreeSet<>(libraries.patterns), true);
      out.append("  }");
    }
    out.append("\n}\n");
    return out.toString();
  }

  /**
   * Writes the policy atomically (a temp file in the same directory, then a move), so a reader
   * never sees half a policy; creates missing parent directories.
   */
  public void writeTo(Path file) throws IOException {
    // Cleared before the snapshot: an operation recorded during the write sets it again.
    changed = false;
    try {
      String json = toPolicyJson();
      Path target = file.toAbsolutePath();
      Path directory = target.getParent();
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
      try {
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException | RuntimeException e) {
      changed = true;
      throw e;
    }
  }

  private static void appendList(
      StringBuilder out, String key, Collection<String> entries, boolean last) {
    out.append("    \"").append(key).append("\": [");
    if (entries.isEmpty()) {
      out.append("]");
    } else {
      boolean first = true;
      for (String entry : entries) {
        out.append(first ? "\n" : ",\n").append("      ");
        appendJsonString(out, entry);
        first = false;
      }
      out.append("\n    ]");
    }
    out.append(last ? "\n" : ",\n");
  }

  static void appendJsonString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
