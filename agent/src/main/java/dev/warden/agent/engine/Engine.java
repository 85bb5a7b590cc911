package dev.warden.agent.engine;

import dev.warden.agent.alert.AgentLog;
import dev.warden.agent.alert.AlertListener;
import dev.warden.agent.alert.AlertPipeline;
import dev.warden.agent.learn.LearnedPolicy;
import dev.warden.agent.model.Action;
import dev.warden.agent.model.Alert;
import dev.warden.agent.model.Category;
import dev.warden.agent.model.Mode;
import dev.warden.agent.model.Operation;
import dev.warden.agent.model.Severity;
import dev.warden.agent.policy.Allowance;
import dev.warden.agent.policy.Policy;
import dev.warden.agent.rules.Observation;
import dev.warden.agent.rules.Rule;
import dev.warden.agent.rules.RuleKind;
import dev.warden.agent.rules.RuleTable;
import dev.warden.agent.rules.ThreatSignals;
import dev.warden.bootstrap.BlockedException;
import dev.warden.bootstrap.Ops;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Judges every intercepted operation: canonicalises it, checks it against the built-in rules and
 * the policy, reports violations, records what learn mode needs, and in enforce mode blocks by
 * throwing. Called only through the dispatcher (see {@code AgentSink}), inside the re-entrancy
 * guard.
 */
public final class Engine {
  /** Package prefix of the AWS Lambda runtime interface client, which talks to the Runtime API. */
  private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.";

  private static final int CACHE_LIMIT = 8192;

  /** The policy rule's matcher: the policy, not the observation, decided the violation. */
  private static final Predicate<Observation> ALWAYS = new Always();

  private final Mode mode;
  private final Policy policy;
  private final Map<Category, List<Rule>> rulesByCategory = new EnumMap<>(Category.class);
  private final AlertPipeline alerts;
  private final LearnedPolicy learned;
  private final PathCanonicalizer paths;

  /** The running JDK's directories, before and after links (Debian links conf/ into /etc). */
  private final List<String> jdkDirectories;

  private final String executableSearchPath;
  private final Map<String, Verdict> reads = new ConcurrentHashMap<>();
  private final Map<String, Verdict> writes = new ConcurrentHashMap<>();
  private final Map<String, Verdict> names = new ConcurrentHashMap<>();

  /**
   * By operation (connect, send, bind), then {@code name/address}, then port. Filled with the
   * network operations in the constructor: the connect path only reads this map.
   */
  private final Map<Operation, Map<String, PortVerdicts>> endpoints =
      new EnumMap<>(Operation.class);

  private final Map<Class<?>, Boolean> reportedErrors = new ConcurrentHashMap<>();

  private final RuleTable rules;

  /** The current invocation's event values that could steer a sink (Lambda: one at a time). */
  private volatile EventValues currentEvent = EventValues.NONE;

  /** Bumped by anything that can change where a path resolves: cached verdicts then expire. */
  private volatile int generation;

  /**
   * @param policy the user's policy, or null for built-in rules only
   * @param learned where learn mode records operations; null unless the mode is learn
   */
  public Engine(
      Mode mode,
      Policy policy,
      RuleTable rules,
      AlertPipeline alerts,
      LearnedPolicy learned,
      String javaHome,
      String workingDirectory,
      String executableSearchPath) {
    this.mode = mode;
    this.policy = policy;
    this.rules = rules;
    for (Category category : Category.values()) {
      rulesByCategory.put(category, rules.forCategory(category));
    }
    for (Operation operation : Operation.values()) {
      if (operation.category() == Category.NETWORK) {
        endpoints.put(operation, new ConcurrentHashMap<>());
      }
    }
    this.alerts = alerts;
    this.learned = learned;
    this.paths = new PathCanonicalizer(workingDirectory);
    this.jdkDirectories = jdkDirectories(javaHome);
    this.executableSearchPath = executableSearchPath;
  }

  public Mode mode() {
    return mode;
  }

  /** Alerts also go to {@code listener} (the span exporter), after the log line is written. */
  public void addAlertListener(AlertListener listener) {
    alerts.addListener(listener);
  }

  // ---------------------------------------------------------------- files

  public void file(int op, String path, String otherPath) {
    switch (op) {
      case Ops.FILE_READ:
        judgeFile(Operation.READ, path, reads);
        break;
      case Ops.FILE_WRITE:
        judgeFile(Operation.WRITE, path, writes);
        break;
      case Ops.FILE_READ_WRITE:
        judgeFile(Operation.READ, path, reads);
        judgeFile(Operation.WRITE, path, writes);
        break;
      case Ops.FILE_DELETE:
        judgeFile(Operation.DELETE, path, writes);
        linksMayHaveChanged();
        break;
      case Ops.FILE_RENAME:
        judgeFile(Operation.RENAME, path, writes);
        if (otherPath != null) {
          judgeFile(Operation.RENAME, otherPath, writes);
        }
        linksMayHaveChanged();
        break;
      case Ops.FILE_COPY:
        judgeFile(Operation.READ, path, reads);
        if (otherPath != null) {
          judgeFile(Operation.WRITE, otherPath, writes);
        }
        break;
      case Ops.FILE_LINK:
        judgeFile(Operation.LINK, path, writes);
        linksMayHaveChanged();
        break;
      case Ops.FILE_SYMLINK:
        judgeFile(Operation.SYMLINK, path, writes);
        linksMayHaveChanged();
        break;
      case Ops.FILE_MKDIR:
        judgeFile(Operation.MKDIR, path, writes);
        break;
      default:
        break;
    }
  }

  private void judgeFile(Operation operation, String requested, Map<String, Verdict> cache) {
    Verdict verdict = cache.get(requested);
    if (verdict == null || verdict.generation != generation) {
      verdict = decideFile(operation, requested);
      if (!requested.startsWith("/proc/")) {
        remember(cache, requested, verdict);
      }
    }
    EventValues.Value injected = currentEvent.pathInjection(requested);
    if (!verdict.clean || injected != null) {
      report(verdict, operation, injected, RuleTable.PATH_INJECTION);
    }
  }

  private Verdict decideFile(Operation operation, String requested) {
    int decidedAt = generation;
    String canonical = paths.canonicalize(requested);
    Observation observation = Observation.file(operation, requested, canonical);
    boolean reading = operation == Operation.READ;
    boolean jdkRuntimeFile = isJdkRuntimeFile(requested, canonical);
    Allowance allowance =
        policy == null
            ? Allowance.NO_SECTION
            : reading ? policy.fileRead(canonical) : policy.fileWrite(canonical);
    if (reading && jdkRuntimeFile) {
      allowance = atLeastBroad(allowance);
    }
    List<Rule> violations =
        judge(
            Category.FILE,
            observation,
            allowance,
            reading ? "policy.file.read" : "policy.file.write",
            reading
                ? "reads a file outside the policy's file.read list"
                : "writes a file outside the policy's file.write list");
    if (learned != null && !hasAttack(violations) && !jdkRuntimeFile) {
      if (reading) {
        if (!CallerStack.insideClassLoading()) {
          learned.recordRead(canonical);
        }
      } else {
        learned.recordWrite(canonical);
      }
    }
    return new Verdict(observation, violations, decidedAt);
  }

  /**
   * java.home before and after links, and wherever the configuration files in {@code conf/} link to
   * (distributions keep them under /etc, file by file).
   */
  private List<String> jdkDirectories(String javaHome) {
    Set<String> directories = new LinkedHashSet<>();
    directories.add(paths.normalize(javaHome));
    directories.add(paths.canonicalize(javaHome));
    for (String configuration : List.of("/conf", "/conf/security", "/lib", "/lib/security")) {
      Path directory = Path.of(javaHome + configuration);
      directories.add(paths.canonicalize(directory.toString()));
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
        for (Path entry : entries) {
          if (Files.isSymbolicLink(entry)) {
            Path linkedDirectory = Path.of(paths.canonicalize(entry.toString())).getParent();
            if (linkedDirectory != null && linkedDirectory.getNameCount() > 1) {
              directories.add(linkedDirectory.toString());
            }
          }
        }
      } catch (IOException | RuntimeException unreadable) {
        // Not every JDK has every directory.
      }
    }
    return List.copyOf(directories);
  }

  /**
   * The running JDK's own files (its conf, security and library files) and the random devices it
   * seeds from are never alerts: the JVM reads them for the function, and they hold no secrets.
   */
  private boolean isJdkRuntimeFile(String requested, String canonical) {
    if (canonical.equals("/dev/urandom") || canonical.equals("/dev/random")) {
      return true;
    }
    String normal = paths.normalize(requested);
    for (String directory : jdkDirectories) {
      if (isUnder(normal, directory) || isUnder(canonical, directory)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- processes

  public void process(String[] command, String directory) {
    linksMayHaveChanged();
    if (command.length == 0 || command[0] == null) {
      return;
    }
    String workingDirectory = directory == null ? null : paths.canonicalize(directory);
    String executable = resolveExecutable(command[0], workingDirectory);
    List<String> arguments = new ArrayList<>(command.length);
    for (int i = 1; i < command.length; i++) {
      arguments.add(String.valueOf(command[i]));
    }
    String requested = commandLine(command[0], arguments);
    Observation observation =
        Observation.process(requested, commandLine(executable, arguments), executable, arguments);
    Allowance allowance = policy == null ? Allowance.NO_SECTION : policy.process(executable);
    List<Rule> violations =
        judge(
            Category.PROCESS,
            observation,
            allowance,
            "policy.process",
            "starts a program outside the policy's process list");
    if (learned != null && !hasAttack(violations)) {
      learned.recordProcess(executable);
    }
    Verdict verdict = new Verdict(observation, violations, generation);
    EventValues.Value injected =
        currentEvent.commandInjection(arguments, ThreatSignals.isShellOrInterpreter(executable));
    if (!verdict.clean || injected != null) {
      report(verdict, Operation.EXEC, injected, RuleTable.COMMAND_INJECTION);
    }
  }

  private String resolveExecutable(String program, String workingDirectory) {
    if (program.indexOf('/') >= 0) {
      if (!program.startsWith("/") && workingDirectory != null) {
        return paths.canonicalize(workingDirectory + "/" + program);
      }
      return paths.canonicalize(program);
    }
    for (String directory : executableSearchPath.split(":")) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return paths.canonicalize(candidate.toString());
      }
    }
    return program;
  }

  private static String commandLine(String program, List<String> arguments) {
    StringBuilder line = new StringBuilder(quoted(program));
    for (String argument : arguments) {
      line.append(' ').append(quoted(argument));
    }
    return line.toString();
  }

  private static String quoted(String word) {
    if (!needsQuotes(word)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static boolean needsQuotes(String word) {
    if (word.isEmpty()) {
      return true;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c <= ' ' || c == '\'' || c == '"') {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- network

  public void network(int op, InetAddress address, int port) {
    Operation operation =
        op == Ops.NET_SEND
            ? Operation.SEND
            : op == Ops.NET_BIND ? Operation.BIND : Operation.CONNECT;
    if (operation == Operation.BIND && port == 0) {
      // An ephemeral local port: sockets bind one before sending; it listens on nothing chosen.
      return;
    }
    if (port == runtimeApiPort
        && address.isLoopbackAddress()
        && CallerStack.calledDirectlyFrom(RUNTIME_CLIENT)) {
      // The runtime client itself reporting to the Runtime API (errors go over plain Java HTTP):
      // the function's lifeline, not the function's traffic; neither judged nor learned.
      return;
    }
    // "name/address", or "/address" when the code gave no name: the name without a reverse lookup
    // and the address in one string, which also keys the verdict cache.
    String nameAndAddress = address.toString();
    Map<String, PortVerdicts> byEndpoint = endpoints.get(operation);
    PortVerdicts byPort = byEndpoint.get(nameAndAddress);
    Verdict verdict = byPort == null ? null : byPort.get(port);
    if (verdict == null) {
      verdict = decideNetwork(operation, givenHostName(nameAndAddress), address, port);
      if (byPort == null) {
        if (byEndpoint.size() >= CACHE_LIMIT) {
          byEndpoint.clear();
        }
        PortVerdicts created = new PortVerdicts();
        byPort = byEndpoint.putIfAbsent(nameAndAddress, created);
        if (byPort == null) {
          byPort = created;
        }
      }
      byPort.put(port, verdict);
    }
    EventValues event = currentEvent;
    EventValues.Value injected =
        operation == Operation.BIND || event == EventValues.NONE
            ? null
            : event.hostInjection(givenHostName(nameAndAddress), address.getHostAddress());
    if (!verdict.clean || injected != null) {
      report(verdict, operation, injected, RuleTable.NETWORK_INJECTION);
    }
  }

  private Verdict decideNetwork(
      Operation operation, String hostName, InetAddress address, int port) {
    Observation observation = Observation.network(operation, hostName, address, port);
    Allowance allowance =
        policy == null ? Allowance.NO_SECTION : policy.network(hostName, address, port);
    if (operation == Operation.BIND && allowance == Allowance.DENIED) {
      // The network list is about where the function may go; a listener is judged by its rule.
      allowance = Allowance.NO_SECTION;
    }
    List<Rule> violations =
        judge(
            Category.NETWORK,
            observation,
            allowance,
            "policy.network",
            "connects outside the policy's network list");
    if (learned != null && !hasAttack(violations)) {
      learned.recordNetwork(hostName, address.getHostAddress(), port);
    }
    return new Verdict(observation, violations, 0);
  }

  /** The host name the code gave, from {@code InetAddress.toString()} ("name/address"). */
  private static String givenHostName(String text) {
    int slash = text.indexOf('/');
    return slash <= 0 ? null : text.substring(0, slash);
  }

  // ---------------------------------------------------------------- DNS

  public void resolve(String host) {
    Verdict verdict = names.get(host);
    if (verdict == null) {
      Observation observation = Observation.dns(host);
      Allowance allowance = policy == null ? Allowance.NO_SECTION : policy.dns(host);
      List<Rule> violations =
          judge(
              Category.DNS,
              observation,
              allowance,
              "policy.dns",
              "looks up a name outside the policy's network list");
      if (learned != null && !hasAttack(violations)) {
        learned.recordDns(host);
      }
      verdict = new Verdict(observation, violations, 0);
      remember(names, host, verdict);
    }
    EventValues.Value injected = currentEvent.hostInjection(host, null);
    if (!verdict.clean || injected != null) {
      report(verdict, Operation.RESOLVE, injected, RuleTable.DNS_INJECTION);
    }
  }

  // ---------------------------------------------------------------- native libraries

  public void library(String path, String caller) {
    if (caller != null && caller.startsWith(RUNTIME_CLIENT)) {
      // The Lambda runtime client unpacks and loads its own JNI library; it is not function code.
      return;
    }
    boolean byName = path.indexOf('/') < 0;
    String canonical = byName ? path : paths.canonicalize(path);
    if (!byName && isJdkRuntimeFile(path, canonical)) {
      return;
    }
    boolean writable = !byName && inWritableDirectory(canonical);
    Observation observation = Observation.library(path, canonical, writable);
    Allowance allowance = policy == null ? Allowance.NO_SECTION : policy.library(canonical);
    List<Rule> violations =
        judge(
            Category.LIBRARY,
            observation,
            allowance,
            "policy.library",
            "loads a native library outside the policy's library list");
    if (learned != null && !hasAttack(violations)) {
      learned.recordLibrary(canonical);
    }
    Verdict verdict = new Verdict(observation, violations, generation);
    if (!verdict.clean) {
      report(verdict, Operation.LOAD, null, null);
    }
  }

  private static boolean inWritableDirectory(String canonical) {
    if (ThreatSignals.isWritableLocation(canonical)) {
      return true;
    }
    Path parent = Path.of(canonical).getParent();
    return parent != null && Files.isWritable(parent);
  }

  // ---------------------------------------------------------------- judging and reporting

  /**
   * The rules the observation breaks, given what the policy says about its target. "Unusual" rules
   * give way to any allowing entry and fold into the policy's own violation when the policy denies;
   * "attack" rules give way only to an entry naming exactly this target.
   */
  private List<Rule> judge(
      Category category,
      Observation observation,
      Allowance allowance,
      String policyRuleId,
      String policyRuleDescription) {
    List<Rule> violations = List.of();
    Severity folded = Severity.MEDIUM;
    for (Rule rule : rulesByCategory.get(category)) {
      if (!rule.matches().test(observation)) {
        continue;
      }
      if (rule.kind() == RuleKind.ATTACK) {
        if (allowance == Allowance.EXACT) {
          continue;
        }
      } else {
        if (allowance != Allowance.NO_SECTION && allowance != Allowance.DENIED) {
          continue;
        }
        if (allowance == Allowance.DENIED || mode == Mode.LEARN) {
          folded = max(folded, rule.severity());
          continue;
        }
      }
      violations = add(violations, rule);
    }
    if (allowance == Allowance.DENIED && mode != Mode.LEARN) {
      violations =
          add(
              violations,
              new Rule(
                  policyRuleId, category, folded, RuleKind.UNUSUAL, policyRuleDescription, ALWAYS));
    }
    return violations;
  }

  /**
   * Reports the verdict's violations and, when event data reached the sink, the injection rule
   * naming the event field it came from; in enforce mode, then blocks.
   */
  private void report(
      Verdict verdict, Operation operation, EventValues.Value injected, String injectionRuleId) {
    Observation observation = verdict.observation;
    if (injected == null
        && operation == Operation.READ
        && !hasAttack(verdict.violations)
        && CallerStack.insideClassLoading()) {
      return;
    }
    List<Rule> violations = verdict.violations;
    Rule injection = injected == null ? null : rules.byId(injectionRuleId);
    if (injection != null) {
      violations = add(List.of(injection), violations);
    }
    Action action = mode == Mode.ENFORCE ? Action.BLOCKED : Action.ALERTED;
    String invocationId = InvocationScope.currentId();
    List<String> stack = CallerStack.summary();
    String thread = Thread.currentThread().getName();
    long now = System.currentTimeMillis();
    for (Rule rule : violations) {
      alerts.report(
          new Alert(
              rule.id(),
              operation.category(),
              operation,
              action,
              rule.severity(),
              observation.target(),
              observation.requested(),
              invocationId,
              rule == injection ? injected.pointer() : null,
              rule.description(),
              thread,
              stack,
              now,
              mode));
    }
    if (mode == Mode.ENFORCE) {
      Rule first = violations.get(0);
      throw new BlockedException(
          first.id(),
          "Warden blocked "
              + operation.key()
              + " of "
              + observation.target()
              + ": "
              + first.id()
              + " ("
              + first.description()
              + ")");
    }
  }

  public void internalError(Throwable error) {
    if (reportedErrors.putIfAbsent(error.getClass(), Boolean.TRUE) == null) {
      AgentLog.warn("internal error, operation allowed (fail open): " + error);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** The event of the invocation that begins; {@link EventValues#NONE} once it ends. */
  public void invocationEvent(EventValues event) {
    currentEvent = event == null ? EventValues.NONE : event;
  }

  /** At the end of an invocation: flush repeat counts, and in learn mode write what was new. */
  public void invocationEnded(String invocationId) {
    alerts.invocationEnded(invocationId);
    writeLearnedPolicy();
  }

  /** At JVM exit. */
  public void shutdown() {
    alerts.flush();
    writeLearnedPolicy();
  }

  private String learnOutput;
  private volatile boolean learnedPolicyWritten;
  private volatile int runtimeApiPort = -1;

  public void learnOutput(String file) {
    this.learnOutput = file;
  }

  /** {@code AWS_LAMBDA_RUNTIME_API} ({@code host:port}), whose runtime-client traffic is exempt. */
  public void runtimeApi(String hostPort) {
    String[] hostAndPort = RuleTable.splitHostPort(hostPort);
    try {
      runtimeApiPort = hostAndPort == null ? -1 : Integer.parseInt(hostAndPort[1]);
    } catch (NumberFormatException notAPort) {
      runtimeApiPort = -1;
    }
  }

  private void writeLearnedPolicy() {
    if (learned == null || learnOutput == null) {
      return;
    }
    if (!learned.hasUnwrittenChanges() && learnedPolicyWritten) {
      return;
    }
    try {
      // Written even when nothing was learned: an empty section allows nothing, and that is what
      // a function that touched nothing needs.
      learned.writeTo(Path.of(learnOutput));
      learnedPolicyWritten = true;
    } catch (IOException | RuntimeException error) {
      AgentLog.warn("could not write the learned policy to " + learnOutput + ": " + error);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void linksMayHaveChanged() {
    generation++;
  }

  private static void remember(Map<String, Verdict> cache, String key, Verdict verdict) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, verdict);
  }

  private static boolean isUnder(String path, String directory) {
    return path.equals(directory) || path.startsWith(directory + "/");
  }

  private static Allowance atLeastBroad(Allowance allowance) {
    return allowance == Allowance.EXACT ? allowance : Allowance.BROAD;
  }

  private static final class Always implements Predicate<Observation> {
    @Override
    public boolean test(Observation o) {
      return true;
    }
  }

  private static boolean hasAttack(List<Rule> violations) {
    for (Rule rule : violations) {
      if (rule.kind() == RuleKind.ATTACK) {
        return true;
      }
    }
    return false;
  }

  private static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static List<Rule> add(List<Rule> first, List<Rule> then) {
    List<Rule> result = new ArrayList<>(first.size() + then.size());
    result.addAll(first);
    result.addAll(then);
    return result;
  }

  private static List<Rule> add(List<Rule> list, Rule rule) {
    List<Rule> result = new ArrayList<>(list.size() + 1);
    result.addAll(list);
    result.add(rule);
    return result;
  }
}
