package dev.warden.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * A wrapper handler usable without the agent: set the function's handler to {@code
 * dev.warden.handler.WardenHandler} and {@code WARDEN_HANDLER} to the real one ({@code
 * pkg.Class::method} or {@code pkg.Class}; see {@link HandlerTarget} for the forms supported). Each
 * invocation gets the same invocation span as under the agent, exported before the response if it
 * raised an alert, else batched (see {@link InvocationLifecycle}).
 *
 * <p>The event is read once; the function gets a fresh stream over the same bytes (or the object
 * deserialised from them), so nothing it reads is consumed by the wrapper.
 */
public final class WardenHandler implements RequestStreamHandler {
  /** The variable naming the function's own handler. */
  public static final String HANDLER_VARIABLE = "WARDEN_HANDLER";

  private final InvocationLifecycle lifecycle;
  private final HandlerTarget target;

  /**
   * What the Lambda runtime calls: configuration from the process environment. Spans still waiting
   * for their batch are exported at JVM exit, if the JVM exits rather than being killed.
   */
  public WardenHandler() {
    this(System.getenv(), null);
    WardenTelemetry telemetry = lifecycle.telemetry();
    Thread flush = new Thread(telemetry::flush, "warden-flush");
    Runtime.getRuntime().addShutdownHook(flush);
  }

  /**
   * A wrapper for the given environment, reporting through {@code telemetry} (or telemetry made
   * from the environment when null).
   */
  public WardenHandler(Map<String, String> environment, WardenTelemetry telemetry) {
    this.lifecycle =
        new InvocationLifecycle(
            telemetry != null ? telemetry : WardenTelemetry.create(environment));
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = WardenHandler.class.getClassLoader();
    }
    try {
      this.target = HandlerTarget.resolve(environment.get(HANDLER_VARIABLE), loader);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          HANDLER_VARIABLE + "=" + environment.get(HANDLER_VARIABLE) + ": " + e, e);
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = input.readAllBytes();
    Object deserialised = null;
    Throwable error = null;
    Invocation invocation = null;
    try {
      deserialised = target.input(event);
      invocation = lifecycle.begin(event, deserialised, context);
      target.invoke(event, deserialised, output, context);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      if (invocation == null) {
        // the event could not be deserialised: still one span, with the error
        invocation = lifecycle.begin(event, null, context);
      }
      lifecycle.end(invocation, error);
    }
  }
}
