package dev.warden.agent.rules;

import static dev.warden.agent.model.Category.DNS;
import static dev.warden.agent.model.Category.FILE;
import static dev.warden.agent.model.Category.LIBRARY;
import static dev.warden.agent.model.Category.NETWORK;
import static dev.warden.agent.model.Category.PROCESS;
import static dev.warden.agent.model.Severity.CRITICAL;
import static dev.warden.agent.model.Severity.HIGH;
import static dev.warden.agent.model.Severity.MEDIUM;
import static dev.warden.agent.rules.RuleKind.ATTACK;
import static dev.warden.agent.rules.RuleKind.UNUSUAL;

import dev.warden.agent.model.Category;
import dev.warden.agent.model.Operation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The built-in threat rules, as data: id, category, severity, kind, description, matcher. Active
 * with or without a policy. Ids are stable: users filter and alarm on them.
 */
public final class RuleTable {
  /** The AWS metadata service's IPv6 address (the IPv4 one is link-local). */
  private static final byte[] METADATA_IPV6 = {
    (byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };

  private final List<Rule> rules;

  private RuleTable(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The built-in rules for this environment.
   *
   * @param taskRoot the function's code directory ({@code LAMBDA_TASK_ROOT}), null when unset
   * @param runtimeApi {@code AWS_LAMBDA_RUNTIME_API} ({@code host:port}), null when unset
   */
  public static RuleTable builtIn(String taskRoot, String runtimeApi) {
    String[] runtimeApiHostPort = splitHostPort(runtimeApi);
    List<Rule> table = new ArrayList<>();
    table.add(
        new Rule(
            "process.exec-from-writable",
            PROCESS,
            CRITICAL,
            ATTACK,
            "runs a program or script from /tmp, /dev/shm, a memfd or a /proc fd (fileless or dropped code)",
            Match.EXEC_FROM_WRITABLE));
    table.add(new Rule("process.shell", PROCESS, HIGH, UNUSUAL, "starts a shell", Match.SHELL));
    table.add(
        new Rule(
            "process.interpreter",
            PROCESS,
            HIGH,
            UNUSUAL,
            "starts a script interpreter",
            Match.INTERPRETER));
    table.add(
        new Rule(
            "process.network-tool",
            PROCESS,
            HIGH,
            UNUSUAL,
            "starts a network tool",
            Match.NETWORK_TOOL));
    table.add(
        new Rule(
            "process.exec", PROCESS, MEDIUM, UNUSUAL, "starts a process", Match.OTHER_PROGRAM));
    table.add(
        new Rule(
            "file.secret-read",
            FILE,
            CRITICAL,
            ATTACK,
            "reads process environment (credentials) or a credential file",
            Match.SECRET_READ));
    table.add(
        new Rule(
            "file.process-memory",
            FILE,
            CRITICAL,
            ATTACK,
            "opens process or kernel memory",
            Match.PROCESS_MEMORY));
    String effectiveTaskRoot = taskRoot == null || taskRoot.isBlank() ? null : taskRoot;
    table.add(
        new Rule(
            "file.write-task-root",
            FILE,
            HIGH,
            ATTACK,
            "changes the function's code directory (LAMBDA_TASK_ROOT, /var/task)",
            new WriteToTaskRoot(effectiveTaskRoot)));
    table.add(
        new Rule(
            "file.write-outside-tmp",
            FILE,
            MEDIUM,
            UNUSUAL,
            "writes outside /tmp, the only writable place on Lambda",
            new WriteOutsideTmp(effectiveTaskRoot)));
    table.add(
        new Rule(
            "network.metadata",
            NETWORK,
            CRITICAL,
            ATTACK,
            "connects to a link-local or instance metadata address",
            Match.METADATA));
    table.add(
        new Rule(
            "network.runtime-api",
            NETWORK,
            CRITICAL,
            ATTACK,
            "connects to the Lambda Runtime API from function code",
            new ConnectToRuntimeApi(runtimeApiHostPort)));
    table.add(
        new Rule(
            "network.listen", NETWORK, MEDIUM, UNUSUAL, "opens a listening socket", Match.LISTEN));
    table.add(
        new Rule(
            "dns.exfiltration",
            DNS,
            HIGH,
            ATTACK,
            "looks up a name shaped like data exfiltration (very long or encoded labels)",
            Match.EXFILTRATION_NAME));
    table.add(
        new Rule(
            "library.writable-location",
            LIBRARY,
            CRITICAL,
            ATTACK,
            "loads native code from a writable directory",
            Match.LIBRARY_IN_WRITABLE_DIRECTORY));
    // Event injection: matched by the engine's data-flow check against the current invocation's
    // event (see EventValues), not by the observation alone; here for their ids and wording.
    table.add(
        new Rule(
            COMMAND_INJECTION,
            PROCESS,
            CRITICAL,
            ATTACK,
            "event data changes a command line (shell syntax in a script, or a new option)",
            Match.NEVER));
    table.add(
        new Rule(
            PATH_INJECTION,
            FILE,
            CRITICAL,
            ATTACK,
            "event data steers a file path (.. or an absolute path)",
            Match.NEVER));
    table.add(
        new Rule(
            NETWORK_INJECTION,
            NETWORK,
            CRITICAL,
            ATTACK,
            "event data chooses where the function connects (server-side request forgery)",
            Match.NEVER));
    table.add(
        new Rule(
            DNS_INJECTION,
            DNS,
            CRITICAL,
            ATTACK,
            "event data chooses the name the function looks up",
            Match.NEVER));
    return new RuleTable(table);
  }

  public static final String COMMAND_INJECTION = "event.command-injection";
  public static final String PATH_INJECTION = "event.path-injection";
  public static final String NETWORK_INJECTION = "event.network-injection";
  public static final String DNS_INJECTION = "event.dns-injection";

  /** The rule with this id. */
  public Rule byId(String id) {
    for (Rule rule : rules) {
      if (rule.id().equals(id)) {
        return rule;
      }
    }
    throw new IllegalArgumentException("no rule " + id);
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The rules of one category, in table order. */
  public List<Rule> forCategory(Category category) {
    List<Rule> result = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.category() == category) {
        result.add(rule);
      }
    }
    return result;
  }

  // The matchers are classes rather than lambdas: the table is built at every cold start, and a
  // lambda spins a class at its first use.

  /** The matchers that depend on the observation alone. */
  private enum Match implements Predicate<Observation> {
    EXEC_FROM_WRITABLE,
    SHELL,
    INTERPRETER,
    NETWORK_TOOL,
    OTHER_PROGRAM,
    SECRET_READ,
    PROCESS_MEMORY,
    METADATA,
    LISTEN,
    EXFILTRATION_NAME,
    LIBRARY_IN_WRITABLE_DIRECTORY,
    NEVER;

    @Override
    public boolean test(Observation o) {
      return switch (this) {
        case EXEC_FROM_WRITABLE ->
            ThreatSignals.executesFromWritableLocation(o.path(), o.arguments());
        case SHELL -> ThreatSignals.isShell(o.path());
        case INTERPRETER -> ThreatSignals.isInterpreter(o.path());
        case NETWORK_TOOL -> ThreatSignals.isNetworkTool(o.path());
        case OTHER_PROGRAM ->
            !ThreatSignals.isWritableLocation(o.path())
                && !ThreatSignals.isShell(o.path())
                && !ThreatSignals.isInterpreter(o.path())
                && !ThreatSignals.isNetworkTool(o.path());
        case SECRET_READ -> !o.operation().writes() && ThreatSignals.isSecretFile(o.path());
        case PROCESS_MEMORY -> ThreatSignals.isProcessMemory(o.path());
        case METADATA -> o.operation() != Operation.BIND && isLinkLocalOrMetadata(o.address());
        case LISTEN -> o.operation() == Operation.BIND;
        case EXFILTRATION_NAME -> ThreatSignals.looksLikeExfiltration(o.hostName());
        case LIBRARY_IN_WRITABLE_DIRECTORY -> o.inWritableDirectory();
        case NEVER -> false;
      };
    }
  }

  private static final class WriteToTaskRoot implements Predicate<Observation> {
    private final String taskRoot;

    WriteToTaskRoot(String taskRoot) {
      this.taskRoot = taskRoot;
    }

    @Override
    public boolean test(Observation o) {
      return o.operation().writes()
          && (ThreatSignals.isUnder(o.path(), "/var/task")
              || ThreatSignals.isUnder(o.path(), taskRoot));
    }
  }

  private static final class WriteOutsideTmp implements Predicate<Observation> {
    private final String taskRoot;

    WriteOutsideTmp(String taskRoot) {
      this.taskRoot = taskRoot;
    }

    @Override
    public boolean test(Observation o) {
      return o.operation().writes()
          && !ThreatSignals.isUnder(o.path(), "/tmp")
          && !ThreatSignals.isHarmlessDevice(o.path())
          && !ThreatSignals.isUnder(o.path(), "/var/task")
          && !ThreatSignals.isUnder(o.path(), taskRoot)
          && !ThreatSignals.isSecretFile(o.path())
          && !ThreatSignals.isProcessMemory(o.path());
    }
  }

  private static final class ConnectToRuntimeApi implements Predicate<Observation> {
    /** {host, port}, or null when the Runtime API's address is unknown. */
    private final String[] hostPort;

    ConnectToRuntimeApi(String[] hostPort) {
      this.hostPort = hostPort;
    }

    @Override
    public boolean test(Observation o) {
      return o.operation() != Operation.BIND
          && hostPort != null
          && isRuntimeApi(o, hostPort[0], hostPort[1]);
    }
  }

  static boolean isLinkLocalOrMetadata(InetAddress address) {
    if (address == null) {
      return false;
    }
    return address.isLinkLocalAddress()
        || java.util.Arrays.equals(address.getAddress(), METADATA_IPV6);
  }

  private static boolean isRuntimeApi(Observation o, String host, String port) {
    if (!port.equals(Integer.toString(o.port()))) {
      return false;
    }
    InetAddress address = o.address();
    if (address != null && host.equals(address.getHostAddress())) {
      return true;
    }
    if (host.equalsIgnoreCase("localhost") && address != null && address.isLoopbackAddress()) {
      return true;
    }
    return o.hostName() != null && host.equals(o.hostName().toLowerCase(Locale.ROOT));
  }

  /**
   * {@code host:port} (IPv6 as {@code [addr]:port}) to {host, port}; null when not in that shape.
   */
  public static String[] splitHostPort(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new String[] {host.toLowerCase(Locale.ROOT), text.substring(colon + 1)};
  }
}
