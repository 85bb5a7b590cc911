/**
 * The cold-start bench's reference agents, packaged as their own jars in target/bench: {@link
 * dev.warden.benchmarks.referenceagents.EmptyAgent} (what the JVM charges for any -javaagent) and
 * {@link dev.warden.benchmarks.referenceagents.FloorAgent} (what weaving Warden's hooks with Byte
 * Buddy costs, and nothing else). Never loaded by the benches themselves.
 */
package dev.warden.benchmarks.referenceagents;
