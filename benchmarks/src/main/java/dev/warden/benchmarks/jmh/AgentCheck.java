package dev.warden.benchmarks.jmh;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses to let a fork measure anything but the configuration it was started for. A fork meant to
 * run Warden that runs without it (the wrapper lost the environment, the agent failed to install,
 * the hooks were not woven) would report an overhead of zero, which looks like success.
 *
 * <p>The proof is behavioural, not just "the class exists": the bootstrap part is defined into
 * {@code java.lang} before the hooks are woven, so its presence alone says nothing about the hooks.
 * Each Warden fork therefore opens a canary, its own {@code /proc/<pid>/environ} (the built-in
 * {@code file.secret-read} attack rule, with or without a policy), through the same java.io choke
 * point the file benchmarks use: enforce mode must block it, and both modes must write its alert to
 * the alert log the runner audits afterwards. The audit recognises canary lines by that target.
 */
final class AgentCheck {
  /** The dispatcher as the agent's build relocates it into java.base (see BootstrapInjector). */
  static final String DISPATCHER = "java.lang.WardenDispatcher";

  static final String CANARY = "/proc/self/environ";
  static final String CANARY_RULE = "file.secret-read";

  private AgentCheck() {}

  static void verify() {
    Configuration expected = Configuration.ofThisFork();
    Boolean installed = dispatcherInstalled();
    if (!expected.hasAgent()) {
      if (installed != null) {
        fail(expected, "Warden's dispatcher is loaded: an agent came in (JAVA_TOOL_OPTIONS?)");
      }
      return;
    }
    if (installed == null || !installed) {
      fail(expected, "Warden is not installed (" + DISPATCHER + " " + describe(installed) + ")");
    }
    String mode = System.getenv("WARDEN_MODE");
    if (!expected.wardenMode.equals(mode)) {
      fail(expected, "WARDEN_MODE is " + mode + ": the wrapper's environment did not arrive");
    }
    String alertLogSetting = System.getenv("WARDEN_ALERT_LOG");
    if (alertLogSetting == null || !alertLogSetting.startsWith("/")) {
      fail(expected, "WARDEN_ALERT_LOG is " + alertLogSetting + ", not a file the run can audit");
    }
    Path alertLog = Path.of(alertLogSetting);
    boolean blocked = openCanary();
    if (blocked != (expected == Configuration.ENFORCE)) {
      fail(expected, "opening " + CANARY + " was " + (blocked ? "" : "not ") + "blocked");
    }
    if (!alertLogNamesThisProcess(alertLog)) {
      fail(expected, "no " + CANARY_RULE + " alert for this process in " + alertLog);
    }
  }

  /** Null when the dispatcher is absent, else whether an engine was handed to it. */
  private static Boolean dispatcherInstalled() {
    try {
      Class<?> dispatcher = Class.forName(DISPATCHER, true, null);
      return (Boolean) dispatcher.getMethod("installed").invoke(null);
    } catch (ClassNotFoundException absent) {
      return null;
    } catch (ReflectiveOperationException unexpected) {
      throw new IllegalStateException(
          "cannot ask " + DISPATCHER + " whether it is installed", unexpected);
    }
  }

  private static boolean openCanary() {
    try {
      new FileInputStream(CANARY).close();
      return false;
    } catch (SecurityException blocked) {
      return true;
    } catch (IOException error) {
      throw new UncheckedIOException(error);
    }
  }

  /** Alert lines are written and flushed before the intercepted call returns or throws. */
  private static boolean alertLogNamesThisProcess(Path alertLog) {
    String target = "/proc/" + ProcessHandle.current().pid() + "/environ";
    try {
      for (String line : Files.readAllLines(alertLog, StandardCharsets.UTF_8)) {
        if (line.contains("\"" + CANARY_RULE + "\"") && line.contains(target)) {
          return true;
        }
      }
      return false;
    } catch (IOException unreadable) {
      return false;
    }
  }

  private static String describe(Boolean installed) {
    return installed == null ? "is absent" : "has no engine";
  }

  private static void fail(Configuration expected, String problem) {
    throw new IllegalStateException(
        "WARDEN BENCH CHECK FAILED in a '" + expected.label + "' fork: " + problem);
  }
}
