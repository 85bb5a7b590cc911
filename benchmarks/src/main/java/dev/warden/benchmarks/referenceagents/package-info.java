/**
 * The cold-start bench's reference agents, packaged as their own jars in target/bench: {@link
 * dev.warden.benchmarks.referenceagents.EmptyAgent} (what the JVM charges for any -javaagent),
 * {@link dev.warden.benchmarks.referenceagents.FloorAgent} (what weaving Warden's hooks with Byte
 * Buddy costs, and nothing else) and {@link dev.warden.benchmarks.referenceagents.BuilderAgent}
 * (issue 5's Byte Buddy agent written the obvious way, with an {@code AgentBuilder}). Never loaded
 * by the benches themselves.
 */
package dev.warden.benchmarks.referenceagents;
