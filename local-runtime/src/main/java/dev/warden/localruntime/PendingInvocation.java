package dev.warden.localruntime;

import java.util.concurrent.CompletableFuture;

/** One queued or running invocation, shared by the invoking thread and the server's handlers. */
final class PendingInvocation {
  final String requestId;
  final byte[] event;
  final InvokeOptions options;
  final long timeoutMillis;

  /** Completed with the deadline (epoch ms) when {@code /next} hands the event out. */
  final CompletableFuture<Long> delivered = new CompletableFuture<>();

  /** Completed with what the function posted: a response or an error. */
  final CompletableFuture<Posted> result = new CompletableFuture<>();

  volatile long deliveredNanos;

  PendingInvocation(String requestId, byte[] event, InvokeOptions options, long timeoutMillis) {
    this.requestId = requestId;
    this.event = event;
    this.options = options;
    this.timeoutMillis = timeoutMillis;
  }

  /** A body posted to {@code /response} ({@code error == null}) or to {@code /error}. */
  record Posted(byte[] response, FunctionError error, long arrivalNanos) {}
}
