package dev.warden.agent.alert;

import dev.warden.agent.model.Alert;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Where decided violations go: redacted, throttled, written to the alert log as one JSON line and
 * handed to listeners. Repeat and rate-limit summaries are written on window rollover and by {@link
 * #flush()} / {@link #invocationEnded(String)}. No method ever throws: an error inside the pipeline
 * or a listener is reported once on stderr and the function carries on.
 */
public final class AlertPipeline {
  private final AlertLog log;
  private final AlertThrottle throttle;
  private final SecretRedactor redactor;
  private final Consumer<String> warn;
  private final List<RegisteredListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean internalErrorReported = new AtomicBoolean();

  /** Guarded by itself: one reused builder, and a line stays after the summaries it follows. */
  private final StringBuilder line = new StringBuilder(512);

  public AlertPipeline(AlertLog log, AlertThrottle throttle, SecretRedactor redactor) {
    this(log, throttle, redactor, AgentLogConsumer.WARN);
  }

  AlertPipeline(
      AlertLog log, AlertThrottle throttle, SecretRedactor redactor, Consumer<String> warn) {
    this.log = log;
    this.throttle = throttle;
    this.redactor = redactor;
    this.warn = warn;
  }

  /** Log from {@code WARDEN_ALERT_LOG}, default throttle, secrets from the environment. */
  public static AlertPipeline fromEnvironment() {
    return new AlertPipeline(
        AlertLog.fromEnvironment(), new AlertThrottle(), SecretRedactor.fromEnvironment());
  }

  public void addListener(AlertListener listener) {
    if (listener != null) {
      listeners.add(new RegisteredListener(listener));
    }
  }

  public void report(Alert alert) {
    if (alert == null) {
      return;
    }
    try {
      Alert redacted = redactor.redact(alert);
      AlertThrottle.Decision decision;
      synchronized (line) {
        decision = throttle.decide(redacted);
        if (throttle.summariesDue()) {
          writeLines(throttle.drainSummaries());
        }
        if (decision == AlertThrottle.Decision.LOG && log.enabled()) {
          line.setLength(0);
          AlertJson.appendTo(line, redacted);
          log.write(line.toString());
        }
      }
      // Outside the lock: a slow listener (an exporter) must not hold up other threads' alerts.
      if (decision == AlertThrottle.Decision.LOG) {
        notifyListeners(redacted);
      }
    } catch (Throwable error) {
      reportInternalError("alert pipeline failed", error);
    }
  }

  /** Writes pending repeat and rate-limit summaries (invocation end, rollover, shutdown). */
  public void flush() {
    try {
      synchronized (line) {
        writeLines(throttle.drainSummaries());
      }
    } catch (Throwable error) {
      reportInternalError("alert summary flush failed", error);
    }
  }

  /**
   * Ends the invocation's repeat tracking and writes all pending summaries now, its own and any
   * others: Lambda may freeze the process as soon as the response is sent.
   */
  public void invocationEnded(String invocationId) {
    try {
      throttle.invocationEnded(invocationId);
    } catch (Throwable error) {
      reportInternalError("alert invocation end failed", error);
    }
    flush();
  }

  private void writeLines(List<String> lines) {
    for (String summary : lines) {
      log.write(summary);
    }
  }

  private void notifyListeners(Alert alert) {
    for (RegisteredListener registered : listeners) {
      try {
        registered.listener.onAlert(alert);
      } catch (Throwable error) {
        if (registered.failureReported.compareAndSet(false, true)) {
          warn.accept(
              "alert listener "
                  + registered.listener.getClass().getName()
                  + " failed (reported once): "
                  + describe(error));
        }
      }
    }
  }

  private void reportInternalError(String what, Throwable error) {
    try {
      if (internalErrorReported.compareAndSet(false, true)) {
        warn.accept(what + " (reported once): " + describe(error));
      }
    } catch (Throwable ignored) {
      // Even the warning failed; the function must still go on.
    }
  }

  /** Class and message, redacted: an exporter's error may quote a URL with credentials. */
  private String describe(Throwable error) {
    String message = error.getMessage();
    String name = error.getClass().getName();
    return message == null ? name : name + ": " + redactor.redact(message);
  }

  private static final class RegisteredListener {
    final AlertListener listener;
    final AtomicBoolean failureReported = new AtomicBoolean();

    RegisteredListener(AlertListener listener) {
      this.listener = listener;
    }
  }
}
