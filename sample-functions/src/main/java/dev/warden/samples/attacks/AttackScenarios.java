package dev.warden.samples.attacks;

import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

/**
 * What an attacker does once code runs inside a function: steal credentials from the process
 * environment, run a shell, drop a script in /tmp and execute it, open a backdoor listener. Each
 * step prints what happened, so the same program shows Warden alerting (monitor) and blocking
 * (enforce). Everything stays on this machine: no packet leaves loopback.
 */
public final class AttackScenarios {
  private AttackScenarios() {}

  public static void main(String[] args) throws Exception {
    step(
        "steal credentials from /proc/self/environ",
        () -> {
          try (FileInputStream in = new FileInputStream("/proc/self/environ")) {
            return "read " + in.readAllBytes().length + " bytes";
          }
        });
    step(
        "run a shell",
        () -> {
          Process shell = new ProcessBuilder("sh", "-c", "id -un").start();
          String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          return "shell said " + out.trim();
        });
    step(
        "drop a script in /tmp and run it",
        () -> {
          Path dropper = Files.createTempFile("dropper", ".sh");
          Files.writeString(dropper, "#!/bin/sh\necho dropped code ran\n");
          Files.setPosixFilePermissions(dropper, PosixFilePermissions.fromString("rwx------"));
          try {
            Process run = new ProcessBuilder(dropper.toString()).start();
            return new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
          } finally {
            Files.deleteIfExists(dropper);
          }
        });
    step(
        "open a backdoor listener on loopback",
        () -> {
          try (ServerSocket backdoor = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            backdoor.close();
          }
          try (ServerSocket backdoor =
              new ServerSocket(47_123, 1, InetAddress.getLoopbackAddress())) {
            return "listening on " + backdoor.getLocalSocketAddress();
          }
        });
  }

  private static void step(String name, Callable<String> attack) {
    String outcome;
    try {
      outcome = "done: " + attack.call();
    } catch (SecurityException blocked) {
      outcome = "BLOCKED: " + blocked.getMessage();
    } catch (Exception failed) {
      outcome = "failed: " + failed;
    }
    System.out.println("  " + name + " -> " + outcome);
  }
}
