/**
 * JMH benchmarks of intercepted operations, with no agent and with Warden in monitor and enforce
 * mode side by side: {@link dev.warden.benchmarks.jmh.OperationsBench} runs them, {@code
 * scripts/bench-operations.sh} is the one command.
 */
package dev.warden.benchmarks.jmh;
