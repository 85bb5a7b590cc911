package dev.warden.agent.rules;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The facts rules are made of: which programs, paths and names mean what. Pure functions. */
public final class ThreatSignals {
  static final Set<String> SHELLS =
      Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "csh", "tcsh", "ash", "fish", "busybox");

  static final Set<String> INTERPRETERS =
      Set.of(
          "python",
          "perl",
          "ruby",
          "node",
          "nodejs",
          "php",
          "lua",
          "tclsh",
          "wish",
          "rscript",
          "pwsh",
          "deno",
          "bun",
          "irb",
          "awk",
          "gawk",
          "mawk",
          "nawk",
          "jshell",
          "groovy",
          "osascript");

  static final Set<String> NETWORK_TOOLS =
      Set.of(
          "curl",
          "wget",
          "nc",
          "ncat",
          "netcat",
          "socat",
          "ssh",
          "scp",
          "sftp",
          "telnet",
          "ftp",
          "tftp",
          "nslookup",
          "dig",
          "host",
          "nmap",
          "rsync",
          "openssl",
          "ping",
          "traceroute");

  /** Directories a process can write and then execute or load from: where droppers put code. */
  static final List<String> WRITABLE_PREFIXES =
      List.of("/tmp/", "/var/tmp/", "/dev/shm/", "/run/shm/", "/run/user/");

  private ThreatSignals() {}

  /** The last path element, lower-cased, without a version suffix ({@code python3.12} → python). */
  static String programName(String executable) {
    if (executable == null) {
      return "";
    }
    String name = executable.substring(executable.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int end = name.length();
    while (end > 0 && (Character.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '.')) {
      end--;
    }
    return end == 0 ? name : name.substring(0, end);
  }

  /** A program that runs code given as an argument ({@code sh -c}, {@code python -c}). */
  public static boolean isShellOrInterpreter(String executable) {
    return isShell(executable) || isInterpreter(executable);
  }

  static boolean isShell(String executable) {
    return SHELLS.contains(programName(executable));
  }

  static boolean isInterpreter(String executable) {
    return INTERPRETERS.contains(programName(executable));
  }

  static boolean isNetworkTool(String executable) {
    return NETWORK_TOOLS.contains(programName(executable));
  }

  /** Under a writable staging directory, in a memfd, or reached through a /proc fd link. */
  public static boolean isWritableLocation(String path) {
    if (path == null) {
      return false;
    }
    for (String prefix : WRITABLE_PREFIXES) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return path.startsWith("memfd:")
        || path.startsWith("/memfd:")
        || (path.startsWith("/proc/") && path.contains("/fd/"));
  }

  /**
   * Fileless or dropped-code execution: the program itself lives in a writable place, or a shell or
   * interpreter is handed a script from one ({@code sh /tmp/x}, {@code python3 /tmp/x.py}), or a
   * shell command line runs one ({@code sh -c "chmod +x /tmp/x && /tmp/x"}). A writable path that
   * is only an argument ({@code sh -c "touch /tmp/marker"}) is not execution.
   */
  static boolean executesFromWritableLocation(String executable, List<String> arguments) {
    if (isWritableLocation(executable)) {
      return true;
    }
    boolean shell = isShell(executable);
    if (!shell && !isInterpreter(executable)) {
      return false;
    }
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (shell && argument.equals("-c")) {
        return i + 1 < arguments.size() && scriptRunsFromWritableLocation(arguments.get(i + 1));
      }
      if (argument.startsWith("-")) {
        if (!shell && (argument.equals("-c") || argument.equals("-e") || argument.equals("-m"))) {
          return false; // inline code or a module, not a script file
        }
        continue;
      }
      return isWritableLocation(argument); // the script the shell or interpreter runs
    }
    return false;
  }

  /** Whether any command of a shell command line starts a program or sources a file from /tmp. */
  private static boolean scriptRunsFromWritableLocation(String script) {
    for (String command : script.split("[;&|\\n()`]+|\\$\\(")) {
      String[] words = command.trim().split("\\s+");
      int first = 0;
      while (first < words.length && words[first].matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        first++; // VAR=value before the command
      }
      if (first >= words.length) {
        continue;
      }
      String program = words[first];
      boolean runsItsArgument =
          program.equals("exec")
              || program.equals(".")
              || program.equals("source")
              || isShell(program)
              || isInterpreter(program);
      if (runsItsArgument && first + 1 < words.length && isWritableLocation(words[first + 1])) {
        return true;
      }
      if (isWritableLocation(program)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code /proc/<pid>/environ} (any pid, self, thread-self, or a task of it) and credential files.
   */
  static boolean isSecretFile(String path) {
    if (path == null) {
      return false;
    }
    if (path.startsWith("/proc/")) {
      return path.endsWith("/environ");
    }
    return path.equals("/etc/shadow")
        || path.equals("/etc/gshadow")
        || path.endsWith("/.aws/credentials")
        || path.contains("/.aws/sso/cache/")
        || path.contains("/.ssh/id_")
        || path.endsWith("/.netrc")
        || path.endsWith("/.git-credentials")
        || path.endsWith("/.docker/config.json")
        || path.endsWith("/.kube/config")
        || path.startsWith("/var/run/secrets/")
        || path.startsWith("/run/secrets/");
  }

  /** Another (or this) process's memory: {@code /proc/<pid>/mem}, kernel and physical memory. */
  static boolean isProcessMemory(String path) {
    if (path == null) {
      return false;
    }
    if (path.startsWith("/proc/")) {
      return path.endsWith("/mem") || path.equals("/proc/kcore");
    }
    return path.equals("/dev/mem") || path.equals("/dev/kmem");
  }

  /** Writes that need no policy anywhere: the null device and the process's own terminals. */
  static boolean isHarmlessDevice(String path) {
    return path.equals("/dev/null")
        || path.equals("/dev/zero")
        || path.equals("/dev/stdout")
        || path.equals("/dev/stderr")
        || path.equals("/dev/tty")
        || path.startsWith("/dev/pts/")
        || path.startsWith("/dev/fd/")
        || path.startsWith("pipe:")
        || path.startsWith("socket:");
  }

  static boolean isUnder(String path, String directory) {
    if (path == null || directory == null || directory.isEmpty()) {
      return false;
    }
    String dir =
        directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
    return path.equals(dir) || path.startsWith(dir + "/");
  }

  /**
   * A name shaped like data smuggled out through DNS: very long overall, a label near the 63
   * character limit, or a long label that looks encoded (hex, or high entropy with digits and no
   * hyphens — load balancer and bucket names have hyphens and words).
   */
  public static boolean looksLikeExfiltration(String name) {
    if (name == null) {
      return false;
    }
    if (name.length() > 180) {
      return true;
    }
    int start = 0;
    while (start <= name.length()) {
      int dot = name.indexOf('.', start);
      int end = dot < 0 ? name.length() : dot;
      if (encodedLabel(name, start, end)) {
        return true;
      }
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    return false;
  }

  /**
   * The name with each encoded-looking label cut to its first characters and its length: an
   * exfiltration-shaped name carries the data being stolen, which an alert must not repeat.
   */
  public static String maskEncodedLabels(String name) {
    if (name == null || !looksLikeExfiltration(name)) {
      return name;
    }
    StringBuilder masked = new StringBuilder(name.length());
    int start = 0;
    while (start <= name.length()) {
      int dot = name.indexOf('.', start);
      int end = dot < 0 ? name.length() : dot;
      if (end - start >= 24 || encodedLabel(name, start, end)) {
        masked.append(name, start, start + 6).append("…[").append(end - start).append(" chars]");
      } else {
        masked.append(name, start, end);
      }
      if (dot < 0) {
        break;
      }
      masked.append('.');
      start = dot + 1;
    }
    return masked.toString();
  }

  private static boolean encodedLabel(String name, int start, int end) {
    int length = end - start;
    if (length >= 52) {
      return true;
    }
    if (length < 24) {
      return false;
    }
    int digits = 0;
    int hex = 0;
    int[] counts = new int[128];
    for (int i = start; i < end; i++) {
      char c = Character.toLowerCase(name.charAt(i));
      if (c == '-' || c >= 128) {
        return false;
      }
      counts[c]++;
      if (c >= '0' && c <= '9') {
        digits++;
      }
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        hex++;
      }
    }
    if (hex == length && digits >= 4 && length - digits >= 4) {
      return true;
    }
    return digits >= 3 && entropyBitsPerChar(counts, length) >= 3.9;
  }

  static double entropyBitsPerChar(int[] counts, int length) {
    double entropy = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / length;
        entropy -= p * (Math.log(p) / Math.log(2));
      }
    }
    return entropy;
  }
}
