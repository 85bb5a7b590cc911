package dev.warden.benchmarks.referenceagents;

import java.lang.instrument.Instrumentation;

/**
 * The cold-start bench's "empty agent": a premain that does nothing, in a jar whose manifest asks
 * for retransformation as Warden's does. Its cost over no agent is what the JVM itself charges for
 * {@code -javaagent}: the java.instrument module, the agent jar on the class path, and class data
 * sharing's archived module graph disabled ("optimized module handling: disabled due to
 * incompatible property: jdk.module.addmods"), which no agent can avoid.
 */
public final class EmptyAgent {
  private EmptyAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    // nothing: the floor of any Java agent
  }
}
