package dev.warden.localruntime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One function JVM: the process, its captured output, and its generation on the server. */
final class FunctionProcess {
  final Process process;
  final RuntimeApiServer.Generation generation;
  final long launchNanos;

  /**
   * Completes when the JVM exits. Taken once per process: every {@link Process#onExit()} call adds
   * an asynchronous step run when the process exits, and on a machine with fewer than three cores
   * each runs on a thread of its own, so one call per invocation left thousands of threads to start
   * at once when a long-lived JVM ended, on the cores the next launch was starting on.
   */
  final CompletableFuture<Process> exit;

  private FunctionProcess(
      Process process, RuntimeApiServer.Generation generation, long launchNanos) {
    this.process = process;
    this.generation = generation;
    this.launchNanos = launchNanos;
    this.exit = process.onExit();
  }

  static FunctionProcess launch(
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      RuntimeApiServer.Generation generation,
      Path stdout,
      Path stderr)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    long launchNanos = System.nanoTime();
    // Files, not pipes: what the function wrote before it posted its result is in the file by
    // the time the post arrives, so a caller reading the output right after invoke sees it all.
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()));
    builder.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    return new FunctionProcess(process, generation, launchNanos);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Ends the JVM as Lambda ends an execution environment it no longer needs: with SIGTERM and
   * {@code grace} to exit if an extension registered (so shutdown hooks run), then SIGKILL.
   */
  void shutDown(java.time.Duration grace) {
    if (generation.hasExtensions() && process.isAlive()) {
      process.destroy();
      try {
        process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    kill();
  }

  /** Kills the JVM and anything it started, as Lambda does to a timed-out sandbox. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
