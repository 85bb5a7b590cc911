package dev.warden.agent.cli;

import dev.warden.agent.model.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@code invoke} and {@code learn}, checked for shape (not yet for files). */
final class FunctionOptions {
  /** Set by the tool itself; --env must not change them behind its back. */
  private static final Map<String, String> OWN_VARIABLES =
      Map.of(
          "WARDEN_MODE", "use --mode",
          "WARDEN_POLICY", "use --policy",
          "WARDEN_ALERT_LOG", "the tool reads the alerts from a log file of its own",
          "WARDEN_LEARN_OUTPUT", "use learn --output");

  private static final Set<String> WITH_VALUE =
      Set.of(
          "--handler",
          "--jar",
          "--classpath",
          "-cp",
          "--mode",
          "--policy",
          "--env",
          "--java-home",
          "--runtime-client",
          "--hosts-file",
          "--timeout-seconds",
          "--events",
          "--output");

  final boolean learn;
  String handler;
  final List<String> jars = new ArrayList<>();
  final List<String> classpaths = new ArrayList<>();
  Mode mode;
  Path policy;
  final Map<String, String> env = new LinkedHashMap<>();
  Path javaHome;
  Path runtimeClient;
  Path hostsFile;
  int timeoutSeconds = 30;
  boolean verbose;
  final List<Path> events = new ArrayList<>();
  Path eventsDirectory;
  Path output = Path.of("warden-policy.json");

  private FunctionOptions(boolean learn) {
    this.learn = learn;
  }

  static FunctionOptions parseInvoke(String[] args) throws UsageException {
    FunctionOptions options = parse(args, false);
    if (options.events.isEmpty()) {
      throw new UsageException("invoke needs at least one event file: invoke ... EVENT.json...");
    }
    return options;
  }

  static FunctionOptions parseLearn(String[] args) throws UsageException {
    FunctionOptions options = parse(args, true);
    if (!options.events.isEmpty()) {
      throw new UsageException(
          "learn takes its events from a folder: --events DIR, not " + options.events.get(0));
    }
    if (options.eventsDirectory == null) {
      throw new UsageException("learn needs --events DIR: a folder of *.json event files");
    }
    options.mode = Mode.LEARN;
    return options;
  }

  private static FunctionOptions parse(String[] args, boolean learn) throws UsageException {
    String command = learn ? "learn" : "invoke";
    FunctionOptions o = new FunctionOptions(learn);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0 && WITH_VALUE.contains(arg.substring(0, eq))) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      } else if (WITH_VALUE.contains(arg)) {
        if (i + 1 >= args.length) {
          throw new UsageException(command + ": " + arg + " needs a value");
        }
        value = args[++i];
      }
      switch (arg) {
        case "--help", "-h" -> throw new WardenCli.HelpRequested();
        case "--verbose", "-v" -> o.verbose = true;
        case "--handler" -> o.handler = value;
        case "--jar" -> o.jars.add(value);
        case "--classpath", "-cp" -> o.classpaths.add(value);
        case "--mode" -> {
          o.mode = Mode.parse(value);
          if (o.mode == null) {
            throw new UsageException(
                command + ": --mode takes monitor, enforce or learn, not '" + value + "'");
          }
          if (learn && o.mode != Mode.LEARN) {
            throw new UsageException("learn always runs in learn mode; leave out --mode " + value);
          }
        }
        case "--policy" -> o.policy = Path.of(value);
        case "--env" -> {
          int sep = value.indexOf('=');
          if (sep <= 0) {
            throw new UsageException(command + ": --env takes NAME=VALUE, not '" + value + "'");
          }
          String name = value.substring(0, sep);
          if (OWN_VARIABLES.containsKey(name)) {
            throw new UsageException(
                command + ": --env " + name + " is not allowed: " + OWN_VARIABLES.get(name));
          }
          o.env.put(name, value.substring(sep + 1));
        }
        case "--java-home" -> o.javaHome = Path.of(value);
        case "--runtime-client" -> o.runtimeClient = Path.of(value);
        case "--hosts-file" -> o.hostsFile = Path.of(value);
        case "--timeout-seconds" -> o.timeoutSeconds = positive(command, arg, value);
        case "--events" -> {
          if (!learn) {
            throw new UsageException("invoke takes event files as arguments, not --events");
          }
          o.eventsDirectory = Path.of(value);
        }
        case "--output" -> {
          if (!learn) {
            throw new UsageException("--output belongs to learn; invoke prints to the terminal");
          }
          o.output = Path.of(value);
        }
        default -> {
          if (arg.startsWith("-") && !arg.equals("-")) {
            throw new UsageException(command + ": unknown option " + arg);
          }
          o.events.add(Path.of(arg));
        }
      }
    }
    if (o.handler == null || o.handler.isBlank()) {
      throw new UsageException(
          command + " needs --handler, e.g. --handler com.example.Handler::handleRequest");
    }
    if (o.jars.isEmpty() && o.classpaths.isEmpty()) {
      throw new UsageException(command + " needs the function's code: --jar JAR or --classpath CP");
    }
    return o;
  }

  private static int positive(String command, String option, String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        command + ": " + option + " takes a positive whole number, not '" + value + "'");
  }
}
