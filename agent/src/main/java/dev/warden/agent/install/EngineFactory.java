package dev.warden.agent.install;

import dev.warden.agent.alert.AgentLog;
import dev.warden.agent.alert.AlertLog;
import dev.warden.agent.alert.AlertPipeline;
import dev.warden.agent.alert.AlertThrottle;
import dev.warden.agent.alert.SecretRedactor;
import dev.warden.agent.config.WardenConfig;
import dev.warden.agent.engine.Engine;
import dev.warden.agent.learn.LearnedPolicy;
import dev.warden.agent.model.Mode;
import dev.warden.agent.policy.Policy;
import dev.warden.agent.policy.PolicyException;
import dev.warden.agent.rules.RuleTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Builds the engine from the configuration: settles the mode, loads the policy, and refuses to
 * start an enforce-mode agent whose policy is broken rather than run the function unprotected.
 */
final class EngineFactory {
  /** Exit status when the configuration stops the start (EX_CONFIG). */
  static final int CONFIGURATION_ERROR = 78;

  private static final Pattern ENFORCE_IN_POLICY =
      Pattern.compile("\"mode\"\\s*:\\s*\"enforce\"", Pattern.CASE_INSENSITIVE);

  private EngineFactory() {}

  /** The engine, or null after reporting why the JVM must not start (the caller exits). */
  static Engine create(WardenConfig config) {
    Mode modeFromEnvironment = null;
    if (config.modeSetting() != null) {
      modeFromEnvironment = Mode.parse(config.modeSetting());
      if (modeFromEnvironment == null) {
        AgentLog.error(
            "WARDEN_MODE=\""
                + config.modeSetting()
                + "\" is not a mode; set it to monitor, enforce or learn (or unset it for monitor)."
                + " Warden will not start the function with an unknown mode.");
        return null;
      }
    }
    Policy policy = null;
    if (config.policyFile() != null) {
      try {
        policy = Policy.load(Path.of(config.policyFile()));
      } catch (PolicyException broken) {
        boolean enforcing =
            modeFromEnvironment == Mode.ENFORCE
                || (modeFromEnvironment == null && policyAsksForEnforce(config.policyFile()));
        if (enforcing) {
          AgentLog.error(
              "invalid policy: "
                  + broken.getMessage()
                  + " — in enforce mode Warden will not run the function unprotected; fix the"
                  + " policy (java -jar warden-agent.jar check-policy FILE shows every error).");
          return null;
        }
        AgentLog.warn(
            "invalid policy: "
                + broken.getMessage()
                + " — running with the built-in rules only until it is fixed.");
      }
    }
    Mode mode =
        modeFromEnvironment != null
            ? modeFromEnvironment
            : policy != null && policy.mode() != null ? policy.mode() : Mode.MONITOR;
    AlertPipeline alerts =
        new AlertPipeline(
            AlertLog.fromSetting(config.alertLog()),
            new AlertThrottle(),
            new SecretRedactor(config.environment()));
    Engine engine =
        new Engine(
            mode,
            policy,
            RuleTable.builtIn(config.taskRoot(), config.runtimeApi()),
            alerts,
            mode == Mode.LEARN ? new LearnedPolicy() : null,
            config.javaHome(),
            config.workingDirectory(),
            config.executableSearchPath());
    engine.learnOutput(config.learnOutput());
    engine.runtimeApi(config.runtimeApi());
    return engine;
  }

  /** Whether a policy that failed to parse asks for enforce mode: then it must not be ignored. */
  private static boolean policyAsksForEnforce(String file) {
    try {
      return ENFORCE_IN_POLICY.matcher(Files.readString(Path.of(file))).find();
    } catch (Exception unreadable) {
      return false;
    }
  }
}
