package dev.warden.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Forks one JVM with {@code -javaagent:warden-agent.jar}, as a user would, and captures what it
 * did. The environment is the test JVM's minus anything Warden, Lambda or JAVA_TOOL_OPTIONS
 * related, plus what the test sets. Name lookups in the fork are always answered by a hosts file
 * ({@code -Djdk.net.hosts.file}) so that no real resolver is ever queried.
 */
public final class AgentRun {
  public static final String WORKLOAD = "dev.warden.it.workload.Workload";
  private static final long TIMEOUT_SECONDS = 30;

  private final Jdk jdk;
  private final Path workDir;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> classpath = new ArrayList<>();
  private final Map<String, String> hosts = new LinkedHashMap<>();
  private String mainClass = WORKLOAD;
  private List<String> programArgs = List.of();
  private boolean withAgent = true;
  private boolean isolatedNetwork;
  private Path hostsFile;

  private AgentRun(Jdk jdk, Path workDir) {
    this.jdk = jdk;
    this.workDir = workDir;
    classpath.add(Paths.testClasses().toString());
    hosts.put("localhost", "127.0.0.1");
    env.put("WARDEN_ALERT_LOG", alertLog().toString());
    env.put("WARDEN_LEARN_OUTPUT", workDir.resolve("learned-policy.json").toString());
  }

  /** A run whose files (policy, alert log, hosts, outputs) live in {@code workDir}. */
  public static AgentRun on(Jdk jdk, Path workDir) {
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AgentRun(jdk, workDir);
  }

  public AgentRun mode(String mode) {
    return env("WARDEN_MODE", mode);
  }

  /** Writes {@code json} to {@code policy.json} in the work dir and points WARDEN_POLICY at it. */
  public AgentRun policy(String json) {
    Path file = workDir.resolve("policy.json");
    try {
      Files.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return env("WARDEN_POLICY", file.toString());
  }

  public AgentRun env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** Makes {@code name} resolve to 127.0.0.1 in the forked JVM. */
  public AgentRun host(String name) {
    hosts.put(name, "127.0.0.1");
    return this;
  }

  /** Where to write the hosts file (default: the work dir), e.g. to share it between runs. */
  public AgentRun hostsFile(Path file) {
    hostsFile = file;
    return this;
  }

  public AgentRun jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  public AgentRun classpath(Path entry) {
    classpath.add(entry.toString());
    return this;
  }

  /**
   * Runs the JVM in a new, empty network namespace ({@code unshare -n}): no interface is up, so a
   * connect to any address fails at once with "Network is unreachable" and no packet can leave the
   * machine even if the agent fails to block it. Used for addresses that are not loopback.
   */
  public AgentRun isolatedNetwork() {
    isolatedNetwork = true;
    return this;
  }

  public AgentRun withoutAgent() {
    withAgent = false;
    return this;
  }

  /** Runs scenario {@code scenario} of {@link dev.warden.it.workload.Workload}. */
  public AgentRun workload(String scenario, Object... args) {
    List<String> all = new ArrayList<>();
    all.add(scenario);
    for (Object arg : args) {
      all.add(String.valueOf(arg));
    }
    return main(WORKLOAD, all.toArray(String[]::new));
  }

  public AgentRun main(String className, String... args) {
    this.mainClass = className;
    this.programArgs = Arrays.asList(args);
    return this;
  }

  public Path alertLog() {
    return workDir.resolve("alerts.jsonl");
  }

  public Path workDir() {
    return workDir;
  }

  public List<String> command() {
    List<String> cmd = new ArrayList<>();
    if (isolatedNetwork) {
      cmd.addAll(List.of("unshare", "--net", "--"));
    }
    cmd.add(jdk.java().toString());
    if (withAgent) {
      cmd.add("-javaagent:" + Paths.agentJar());
    }
    cmd.add("-Djdk.net.hosts.file=" + hostsFile());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(mainClass);
    cmd.addAll(programArgs);
    return cmd;
  }

  public RunResult run() {
    List<String> cmd = command();
    Path stdout = workDir.resolve("stdout.txt");
    Path stderr = workDir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> childEnv = builder.environment();
    childEnv.keySet().removeIf(AgentRun::inheritedVariableToDrop);
    childEnv.putAll(env);
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        fail(
            "Forked JVM did not finish within "
                + TIMEOUT_SECONDS
                + " s: "
                + String.join(" ", cmd)
                + "\nstdout:\n"
                + read(stdout)
                + "\nstderr:\n"
                + read(stderr));
      }
      return new RunResult(
          jdk, cmd, env, process.exitValue(), read(stdout), read(stderr), alertLog());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean inheritedVariableToDrop(String name) {
    return name.startsWith("WARDEN_")
        || name.startsWith("OTEL_")
        || name.startsWith("AWS_")
        || name.startsWith("LAMBDA_")
        || name.equals("_HANDLER")
        || name.equals("JAVA_TOOL_OPTIONS")
        || name.equals("JDK_JAVA_OPTIONS")
        || name.equals("_JAVA_OPTIONS");
  }

  private Path hostsFile() {
    Path file = hostsFile != null ? hostsFile : workDir.resolve("hosts");
    StringBuilder text = new StringBuilder();
    hosts.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
