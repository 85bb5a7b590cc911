package dev.warden.agent.cli;

import dev.warden.agent.policy.Policy;
import dev.warden.agent.policy.PolicyException;
import dev.warden.handler.event.MiniJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code check-policy FILE...}: the agent's own parser on each file, so CI rejects exactly what an
 * enforce-mode agent would refuse at init. The parser stops at a file's first problem, so each bad
 * file gets one {@code FILE:LINE:COLUMN: problem} line.
 */
final class CheckPolicyCommand {
  /** The sections the agent knows, in the order the README shows them. */
  private static final List<String> SECTIONS = List.of("network", "file", "process", "library");

  private CheckPolicyCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new WardenCli.HelpRequested();
      }
      if (arg.startsWith("-") && !arg.equals("-")) {
        throw new UsageException("check-policy: unknown option " + arg);
      }
      files.add(Path.of(arg));
    }
    if (files.isEmpty()) {
      throw new UsageException("check-policy needs a policy file: check-policy FILE...");
    }
    int status = WardenCli.OK;
    for (Path file : files) {
      String problem = check(file);
      if (problem == null) {
        out.println(file + ": OK");
        out.println("  " + summary(file));
      } else {
        err.println(problem);
        status = WardenCli.FAILED;
      }
    }
    return status;
  }

  /** Null when the file is a valid policy, else the one line that says where and what is wrong. */
  static String check(Path file) {
    if (Files.isDirectory(file)) {
      return file + ": cannot read the policy file: it is a directory";
    }
    if (!Files.exists(file)) {
      return file + ": cannot read the policy file: it does not exist";
    }
    try {
      Policy.load(file);
      return null;
    } catch (PolicyException e) {
      return e.line() == 0
          ? e.fileName() + ": " + e.problem()
          : e.fileName() + ":" + e.line() + ":" + e.column() + ": " + e.problem();
    }
  }

  /**
   * One line: the mode and how many entries each allowlist has, and which sections are absent (an
   * absent section does not restrict that kind of operation). Only called on a valid policy.
   */
  static String summary(Path file) {
    Object document;
    try {
      document = MiniJson.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return "(no summary: " + e.getMessage() + ")";
    }
    if (!(document instanceof Map<?, ?> policy)) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    Object mode = policy.get("mode");
    parts.add("mode: " + (mode == null ? "not set (monitor unless WARDEN_MODE says)" : mode));
    List<String> absent = new ArrayList<>();
    for (String section : SECTIONS) {
      if (!(policy.get(section) instanceof Map<?, ?> members)) {
        absent.add(section);
        continue;
      }
      List<String> lists = new ArrayList<>();
      for (Map.Entry<?, ?> member : members.entrySet()) {
        if (member.getValue() instanceof List<?> entries) {
          lists.add(section + "." + member.getKey() + ": " + count(entries.size()));
        }
      }
      parts.add(lists.isEmpty() ? section + ": empty" : String.join(", ", lists));
    }
    if (!absent.isEmpty()) {
      parts.add("not restricted: " + String.join(", ", absent));
    }
    return String.join("; ", parts);
  }

  private static String count(int n) {
    return n + (n == 1 ? " entry" : " entries");
  }
}
