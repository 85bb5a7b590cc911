package dev.warden.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readings from /proc/PID/status (Linux). */
final class ProcStatus {
  private ProcStatus() {}

  /** The process's peak resident set size (VmHWM) in KiB. */
  static long peakRssKib(long pid) throws IOException {
    return peakRssKib(Files.readString(Path.of("/proc", Long.toString(pid), "status")), pid);
  }

  static long peakRssKib(String status, long pid) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        // "VmHWM:	  123456 kB"
        String value = line.substring("VmHWM:".length()).trim();
        return Long.parseLong(value.substring(0, value.indexOf(' ')).trim());
      }
    }
    throw new IllegalStateException("no VmHWM line in /proc/" + pid + "/status");
  }
}
