package dev.warden.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readings from /proc/PID/status and /proc/PID/stat (Linux). */
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

  /** Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on Linux x86-64 and arm64). */
  static final int CLOCK_TICKS_PER_SECOND = 100;

  /** CPU time the process has used so far, all its threads, user and system, in milliseconds. */
  static long cpuMillis(long pid) throws IOException {
    return cpuMillis(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
  }

  static long cpuMillis(String stat) {
    // "pid (comm) state ppid ...": the command may hold blanks and parentheses, so fields are
    // counted from the last ')'; utime and stime are fields 14 and 15, the 12th and 13th after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
  }
}
