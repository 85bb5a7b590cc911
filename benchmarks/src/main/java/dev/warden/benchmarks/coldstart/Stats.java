package dev.warden.benchmarks.coldstart;

import java.util.Arrays;

/** Order statistics of a few samples. */
final class Stats {
  private Stats() {}

  /** The median; for an even count, the mean of the two middle values. */
  static long median(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  static long min(long[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  static long max(long[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }
}
