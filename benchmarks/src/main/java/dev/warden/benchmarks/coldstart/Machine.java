package dev.warden.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run was taken on, for the report: figures mean little without it. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpuinfo = read("/proc/cpuinfo");
    String model = field(cpuinfo, "model name");
    String memTotal = field(read("/proc/meminfo"), "MemTotal");
    String memory = "?";
    if (!memTotal.equals("?")) {
      long kib = Long.parseLong(memTotal.replace("kB", "").trim());
      memory = String.format(Locale.ROOT, "%.1f GiB RAM", kib / 1024.0 / 1024.0);
    }
    return Runtime.getRuntime().availableProcessors()
        + " CPUs (nproc), "
        + model
        + ", "
        + memory
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  /** The 1-minute load average ("0" if unknown): a busy machine makes every figure noisier. */
  static String loadAverage() {
    String loadavg = read("/proc/loadavg").trim();
    return loadavg.isEmpty() ? "0" : loadavg.split(" ")[0];
  }

  private static String field(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name)) {
        int colon = line.indexOf(':');
        return colon < 0 ? "?" : line.substring(colon + 1).trim();
      }
    }
    return "?";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
