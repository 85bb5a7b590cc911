/**
 * Benchmarks of Warden's cost: {@code coldstart} launches sample functions through the local
 * runtime and the real runtime client; {@code jmh} measures intercepted operations.
 */
package dev.warden.benchmarks;
