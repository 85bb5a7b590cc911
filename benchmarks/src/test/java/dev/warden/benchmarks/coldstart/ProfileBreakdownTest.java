package dev.warden.benchmarks.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.benchmarks.coldstart.ProfileBreakdown.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileBreakdownTest {
  private static Sample sample(String thread, String... frames) {
    return new Sample(thread, List.of(frames));
  }

  @Test
  void aSampleGoesToTheFirstRowThatMatchesIt() {
    // woven while a class loads on the main thread: the agent's weaving, not the function's work
    Sample weaving =
        sample(
            "main",
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda.main",
            "java.lang.ClassLoader.loadClass",
            "sun.instrument.TransformerManager.transform",
            "dev.warden.agent.install.AdviceWeaver.weave",
            "libjvm.so.ClassFileParser::parse_stream");
    assertEquals(
        "agent: weaving classes (transformers)",
        ProfileBreakdown.rowOf(ProfileBreakdown.ACTIVITIES, weaving));
    assertEquals(
        "class files parsed and defined",
        ProfileBreakdown.rowOf(ProfileBreakdown.JVM_WORK, weaving));

    Sample advice =
        sample(
            "main",
            "dev.warden.agent.install.AdviceWeaver.adviceFor",
            "dev.warden.agent.shaded.bytebuddy.asm.Advice.to",
            "dev.warden.agent.shaded.bytebuddy.asm.Advice.locate");
    assertEquals(
        "agent: preparing Byte Buddy advice",
        ProfileBreakdown.rowOf(ProfileBreakdown.ACTIVITIES, advice));

    Sample lambda =
        sample(
            "warden-engine-init",
            "dev.warden.agent.rules.RuleTable.builtIn",
            "java.lang.invoke.MethodHandleNatives.linkCallSite");
    assertEquals(
        "linking lambdas, string concatenation, method handles",
        ProfileBreakdown.rowOf(ProfileBreakdown.ACTIVITIES, lambda));

    Sample engine = sample("warden-engine-init", "dev.warden.agent.rules.RuleTable.builtIn");
    assertEquals(
        "Warden: engine build (policy, rules)",
        ProfileBreakdown.rowOf(ProfileBreakdown.ACTIVITIES, engine));
    assertEquals(
        "Java code (interpreted or compiled) and the rest",
        ProfileBreakdown.rowOf(ProfileBreakdown.JVM_WORK, engine));

    Sample compiler = sample("C1 CompilerThre", "libjvm.so.Compilation::compile_method");
    assertEquals(
        "JIT compiler (C1)", ProfileBreakdown.rowOf(ProfileBreakdown.ACTIVITIES, compiler));

    Sample function =
        sample(
            "main", "dev.warden.samples.benign.QuoteApiHandler.handleRequest", "Verifier::verify");
    assertEquals(
        "runtime client and function (main thread)",
        ProfileBreakdown.rowOf(ProfileBreakdown.ACTIVITIES, function));
    assertEquals(
        "bytecode verification", ProfileBreakdown.rowOf(ProfileBreakdown.JVM_WORK, function));
  }

  @Test
  void figuresAreMillisecondsOfCpuPerLaunch() {
    ProfileBreakdown breakdown = new ProfileBreakdown(0.5); // a sample per 500 µs
    Sample main = sample("main", "com.amazonaws.services.lambda.runtime.api.client.AWSLambda.main");
    Sample jit = sample("C1 CompilerThre");
    breakdown.addLaunch("none", List.of(main, main, main, main, jit, jit));
    breakdown.addLaunch("none", List.of(main, main, jit, jit));
    breakdown.addLaunch("monitor", List.of(main, jit, jit, jit));

    // (4 + 2) samples of main over 2 launches, half a millisecond each
    assertEquals(
        1.5, breakdown.millisPerLaunch("none", "runtime client and function (main thread)"));
    assertEquals(1.0, breakdown.millisPerLaunch("none", "JIT compiler (C1)"));
    assertEquals(1.5, breakdown.millisPerLaunch("monitor", "JIT compiler (C1)"));

    String table =
        breakdown.markdown(List.of("none", "monitor"), Map.of("none", "no agent", "monitor", "W"));
    assertTrue(
        table.contains("| Where the CPU went, ms of CPU per launch | no agent | W |"), table);
    assertTrue(table.contains("| JIT compiler (C1) | 1 | 2 |"), table);
    assertTrue(table.contains("| **total** | **3** | **2** |"), table);
  }

  /**
   * A launch's samples after its first response belong to no cold start: a recording of the same
   * event type async-profiler writes (here from the JDK's own sampler) counts less cut half-way.
   */
  @Test
  void samplesAfterTheFirstResponseAreLeftOut(@TempDir Path directory) throws Exception {
    Path jfr = directory.resolve("busy.jfr");
    Instant halfWay;
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      busy(Duration.ofMillis(400));
      halfWay = Instant.now();
      busy(Duration.ofMillis(400));
      recording.stop();
      recording.dump(jfr);
    }
    ProfileBreakdown breakdown = new ProfileBreakdown(10);
    breakdown.addLaunch("cut", jfr, halfWay);
    breakdown.addLaunch("whole", jfr, Instant.now());
    double cut = breakdown.millisPerLaunch("cut", "other");
    double whole = breakdown.millisPerLaunch("whole", "other");
    assertTrue(cut > 0 && cut < whole * 0.8, "cut " + cut + " ms, whole " + whole + " ms");
  }

  private static void busy(Duration duration) throws InterruptedException {
    Thread worker =
        new Thread(
            () -> {
              long end = System.nanoTime() + duration.toNanos();
              long spin = 0;
              while (System.nanoTime() < end) {
                // calls and allocation: the JDK's sampler skips a thread in a bare counted loop
                spin += Long.toString(spin).hashCode();
              }
              if (spin == 42) {
                System.out.print("");
              }
            },
            "busy");
    worker.start();
    worker.join();
  }
}
