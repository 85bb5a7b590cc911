package dev.warden.localruntime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** What one invocation came to, as Lambda's Invoke would report it. */
public final class InvocationResult {

  /** How the invocation ended. */
  public enum Outcome {
    /** The function posted a response. */
    RESPONSE,
    /** The function posted an error (its handler threw, or it could not be loaded). */
    FUNCTION_ERROR,
    /** No response before the deadline; the function JVM was killed ({@code Sandbox.Timedout}). */
    TIMEOUT,
    /** The function's init failed ({@code /runtime/init/error}), before it took the event. */
    INIT_ERROR,
    /** The function JVM exited without posting a result ({@code Runtime.ExitError}). */
    RUNTIME_EXIT
  }

  private final String requestId;
  private final Outcome outcome;
  private final byte[] response;
  private final FunctionError error;
  private final Duration duration;
  private final Duration initDuration;
  private final boolean coldStart;

  InvocationResult(
      String requestId,
      Outcome outcome,
      byte[] response,
      FunctionError error,
      Duration duration,
      Duration initDuration,
      boolean coldStart) {
    this.requestId = requestId;
    this.outcome = outcome;
    this.response = response;
    this.error = error;
    this.duration = duration;
    this.initDuration = initDuration;
    this.coldStart = coldStart;
  }

  public String requestId() {
    return requestId;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** True when the function posted a response (whatever the response says). */
  public boolean succeeded() {
    return outcome == Outcome.RESPONSE;
  }

  /** The response body as UTF-8 text; {@code null} unless {@link #succeeded()}. */
  public String response() {
    return response == null ? null : new String(response, StandardCharsets.UTF_8);
  }

  /** The response body as posted; {@code null} unless {@link #succeeded()}. */
  public byte[] responseBytes() {
    return response == null ? null : response.clone();
  }

  /** The error, for every outcome but {@link Outcome#RESPONSE}. */
  public Optional<FunctionError> error() {
    return Optional.ofNullable(error);
  }

  /** The error's {@code errorType}, or {@code null} when the invocation succeeded. */
  public String errorType() {
    return error == null ? null : error.type();
  }

  /** The error's {@code errorMessage}, or {@code null} when the invocation succeeded. */
  public String errorMessage() {
    return error == null ? null : error.message();
  }

  /**
   * From the moment the function took the event ({@code /next} answered) to its result, as Lambda
   * bills it; for an init error or a runtime that never took the event, from the invoke.
   */
  public Duration duration() {
    return duration;
  }

  /**
   * For a cold start, from launching the function JVM to its first {@code /next} (Lambda's {@code
   * Init Duration}); empty for a warm invocation.
   */
  public Optional<Duration> initDuration() {
    return Optional.ofNullable(initDuration);
  }

  /** True when this invocation was the first one of a newly started function JVM. */
  public boolean coldStart() {
    return coldStart;
  }

  /** The invoke response body: the function's response, or the error document. */
  public String body() {
    return succeeded() ? response() : error.json();
  }

  @Override
  public String toString() {
    return "InvocationResult["
        + requestId
        + " "
        + outcome
        + (coldStart ? " cold" : "")
        + " "
        + duration.toMillis()
        + " ms: "
        + body()
        + "]";
  }
}
