package dev.warden.agent.model;

import java.util.List;

/**
 * One decided violation, carrying everything the JSON log line and the span need.
 *
 * @param rule stable rule id ({@code warden.rule})
 * @param target canonical path, {@code host:port}, command line or name ({@code warden.target})
 * @param requestedTarget what the code asked for before canonicalisation (may equal target)
 * @param invocationId the Lambda request id when inside an invocation, else null
 * @param source JSON pointer of the event field that reached the sink, else null
 * @param message one sentence for humans
 * @param thread name of the thread that performed the operation
 * @param stack a few frames of the calling function code, innermost first ({@code
 *     class.method:line})
 * @param epochMillis when the operation was intercepted
 */
public record Alert(
    String rule,
    Category category,
    Operation operation,
    Action action,
    Severity severity,
    String target,
    String requestedTarget,
    String invocationId,
    String source,
    String message,
    String thread,
    List<String> stack,
    long epochMillis,
    Mode mode) {}
