package dev.warden.benchmarks.jmh;

import dev.warden.handler.event.EventClassifier;
import dev.warden.handler.event.MiniJson;
import dev.warden.handler.event.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Warden's finishing thread does with every invocation's raw event before it builds the span:
 * read it ({@link MiniJson}) and classify its trigger ({@link EventClassifier}). About half of that
 * thread's time in the cold-start bench's warm invocations, too little per invocation for that
 * bench to resolve. Forked with Lambda's JIT setting ({@code -XX:TieredStopAtLevel=1}: C1 only),
 * which is what makes a loop over {@code String.charAt} cost three times one over an array.
 *
 * <pre>
 * java -cp 'benchmarks/target/warden-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/bench/lib/*' \
 *     org.openjdk.jmh.Main EventWork
 * </pre>
 *
 * run from the repository root (the events are read from the sample functions' sources).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(
    value = 2,
    jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventWork {
  /** An event of the sample functions, under sample-functions/src/main/resources/events. */
  @Param({"quote-api/normal.json", "order-queue/normal.json"})
  public String event;

  private byte[] raw;
  private Object parsed;

  @Setup
  public void read() throws IOException {
    Path file = Path.of("sample-functions/src/main/resources/events", event);
    if (!Files.isRegularFile(file)) {
      throw new IOException("no " + file.toAbsolutePath() + ": run from the repository root");
    }
    raw = Files.readAllBytes(file);
    parsed = MiniJson.parseOrNull(raw);
    if (parsed == null) {
      throw new IOException(file + " is not one JSON document");
    }
  }

  @Benchmark
  public Object readEvent() {
    return MiniJson.parseOrNull(raw);
  }

  @Benchmark
  public Trigger classifyTrigger() {
    return EventClassifier.classify(parsed, null);
  }
}
