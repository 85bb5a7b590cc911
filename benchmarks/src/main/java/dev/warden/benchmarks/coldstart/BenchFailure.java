package dev.warden.benchmarks.coldstart;

/** A launch that did not run as configured: the bench stops with a non-zero exit. */
final class BenchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BenchFailure(String message) {
    super(message);
  }
}
