package dev.warden.agent.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar warden-agent.jar <command>}: the agent jar as a command-line tool, to take a
 * function through learn mode to an enforced policy before it is deployed, and to check policy
 * files in CI. The {@code Main-Class}; premain never touches this package.
 *
 * <p>Exit status: 0 when everything worked, 1 when a check failed or an invocation ended in an
 * error, 2 for a command line that cannot be run.
 */
public final class WardenCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT =
      String.join(
          "\n",
          "usage: java -jar warden-agent.jar <command> [options]",
          "",
          "commands:",
          "  check-policy FILE...",
          "      Validates policy files with the agent's own parser. Prints 'FILE: OK' and a summary",
          "      of its sections, or 'FILE:LINE:COLUMN: problem' (the first problem in the file).",
          "",
          "  invoke --handler H (--jar JAR | --classpath CP) [options] EVENT.json...",
          "      Runs the handler through a local Lambda runtime with the agent attached, once per",
          "      event file, and prints each response (or error) and the alerts it raised.",
          "      --mode monitor|enforce|learn   WARDEN_MODE (default: the policy's mode, else monitor)",
          "      --policy FILE                  WARDEN_POLICY; checked before the function starts",
          "",
          "  learn --handler H (--jar JAR | --classpath CP) --events DIR [--output FILE] [options]",
          "      Runs the handler in learn mode on every *.json in DIR and writes the policy it needs",
          "      (default warden-policy.json), then prints it and how to enforce it.",
          "",
          "  help, --help, -h",
          "      This text.",
          "",
          "options of invoke and learn:",
          "  --handler H            the function's handler: package.Class or package.Class::method",
          "  --jar JAR              the function's jar (repeatable)",
          "  --classpath CP         jars and class directories, ':'-separated; DIR/* means its jars",
          "  --env K=V              an environment variable for the function (repeatable)",
          "  --java-home DIR        the JDK that runs the function (default: the one running this)",
          "  --runtime-client DIR   the AWS Lambda runtime interface client's jars (default:",
          "                         $WARDEN_RUNTIME_CLIENT, local-runtime/target/runtime-client/ here",
          "                         or beside this jar, then ~/.m2/repository)",
          "  --hosts-file FILE      the function JVM resolves names from FILE (-Djdk.net.hosts.file)",
          "  --timeout-seconds N    the function's timeout (default 30)",
          "  --verbose              also show the function's own output (on standard error)",
          "",
          "The function gets OTEL_TRACES_EXPORTER=none unless --env sets it: alerts are read from",
          "the agent's JSON alert log, which the tool points at a file of its own.",
          "",
          "exit status: 0 all good; 1 a policy error or an invocation that ended in an error;",
          "2 a command line that cannot be run.");

  private WardenCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, CliEnvironment.current()));
  }

  /** The whole tool without {@code System.exit}, for tests. */
  static int run(String[] args, PrintStream out, PrintStream err, CliEnvironment environment) {
    if (args.length == 0) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (command) {
        case "help", "--help", "-h":
          out.println(USAGE_TEXT);
          return OK;
        case "check-policy":
          return CheckPolicyCommand.run(rest, out, err);
        case "invoke":
          return FunctionRunner.invoke(FunctionOptions.parseInvoke(rest), out, err, environment);
        case "learn":
          return FunctionRunner.learn(FunctionOptions.parseLearn(rest), out, err, environment);
        default:
          throw new UsageException(
              "unknown command '" + command + "': use check-policy, invoke, learn or help");
      }
    } catch (HelpRequested help) {
      out.println(USAGE_TEXT);
      return OK;
    } catch (UsageException e) {
      err.println("warden: " + e.getMessage());
      err.println("Run 'java -jar warden-agent.jar --help' for the commands and their options.");
      return USAGE;
    } catch (CliFailure e) {
      err.println("warden: " + e.getMessage());
      return FAILED;
    }
  }

  /** {@code <command> --help}: the usage, on standard output, exit 0. */
  static final class HelpRequested extends UsageException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super("help");
    }
  }
}
