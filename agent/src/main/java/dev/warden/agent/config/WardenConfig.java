package dev.warden.agent.config;

import java.util.Map;

/**
 * Everything the agent reads from its environment, read once in premain before function code runs
 * and kept in a record (whose fields reflection cannot change). System properties are never
 * consulted for security settings: function code could set them.
 *
 * @param modeSetting {@code WARDEN_MODE} as given, or null
 * @param policyFile {@code WARDEN_POLICY}, or null
 * @param alertLog {@code WARDEN_ALERT_LOG}, or null for the default (stderr)
 * @param learnOutput {@code WARDEN_LEARN_OUTPUT} or its default
 * @param taskRoot {@code LAMBDA_TASK_ROOT}, or null outside Lambda
 * @param runtimeApi {@code AWS_LAMBDA_RUNTIME_API}, or null outside Lambda
 * @param javaHome the running JDK, whose own files are never alerts
 * @param workingDirectory what relative paths are relative to
 * @param executableSearchPath {@code PATH}, for resolving the program of a command line
 */
public record WardenConfig(
    String modeSetting,
    String policyFile,
    String alertLog,
    String learnOutput,
    String taskRoot,
    String runtimeApi,
    String javaHome,
    String workingDirectory,
    String executableSearchPath,
    Map<String, String> environment) {

  public static final String DEFAULT_LEARN_OUTPUT = "/tmp/warden-learned-policy.json";

  public static WardenConfig read(Map<String, String> env, String javaHome, String workingDir) {
    return new WardenConfig(
        blankToNull(env.get("WARDEN_MODE")),
        blankToNull(env.get("WARDEN_POLICY")),
        blankToNull(env.get("WARDEN_ALERT_LOG")),
        env.getOrDefault("WARDEN_LEARN_OUTPUT", DEFAULT_LEARN_OUTPUT),
        blankToNull(env.get("LAMBDA_TASK_ROOT")),
        blankToNull(env.get("AWS_LAMBDA_RUNTIME_API")),
        javaHome,
        workingDir,
        env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"),
        Map.copyOf(env));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
