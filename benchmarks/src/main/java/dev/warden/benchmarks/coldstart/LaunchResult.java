package dev.warden.benchmarks.coldstart;

/**
 * The figures of one counted launch.
 *
 * @param coldStartNanos from the launch of the function JVM to the arrival of its first response
 * @param initNanos from the launch to the function's first request for an event (Lambda's Init
 *     Duration)
 * @param cpuToFirstResponseMillis CPU time the function JVM had used (all threads: the
 *     application's, the agent's background work, JIT compilation, GC) when its first response
 *     arrived; steadier than wall time on a shared machine
 * @param peakRssKib the function JVM's VmHWM, the largest of the readings taken
 * @param warmMedianNanos the median response time of the warm invocations (delivery of the event to
 *     arrival of the response)
 * @param warmCycleMedianNanos the median time from sending a warm invocation to the function's next
 *     request for an event, which ends what Lambda bills: post-response work such as Warden's
 *     export included
 * @param wardenExports trace exports carrying Warden's scope that the receiver got
 * @param otelLambdaExports trace exports carrying the OpenTelemetry agent's Lambda scope
 * @param alerts lines in Warden's alert log (zero for a benign function)
 */
record LaunchResult(
    String jdk,
    Configuration configuration,
    int run,
    long coldStartNanos,
    long initNanos,
    long cpuToFirstResponseMillis,
    long peakRssKib,
    Warm earlyWarm,
    Warm steadyWarm,
    int wardenExports,
    int otelLambdaExports,
    int alerts) {

  /**
   * Medians over some warm invocations of one launch.
   *
   * @param responseNanos from the delivery of the event to the arrival of the response
   * @param untilNextRequestNanos from sending the invocation to the function's next request for an
   *     event, which ends what Lambda bills: post-response work such as Warden's export included
   * @param untilNextRequestMeanNanos the same, as a mean: work done only every so many invocations
   *     (a batch export) shows here, not in the median
   * @param cpuNanosPerInvocation CPU time the function JVM used over these invocations (all its
   *     threads: work an agent does in the background while the function runs shows here, where no
   *     time in the machine's other core hides it), per invocation
   * @param peakRssGrowthKib how much the function JVM's peak RSS (VmHWM) grew over these
   *     invocations: memory an agent keeps, or makes the garbage collector keep, per invocation
   *     shows here as growth that does not stop
   */
  record Warm(
      long responseNanos,
      long untilNextRequestNanos,
      long untilNextRequestMeanNanos,
      long cpuNanosPerInvocation,
      long peakRssGrowthKib) {}
}
