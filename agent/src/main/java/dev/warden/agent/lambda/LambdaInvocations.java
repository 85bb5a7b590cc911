package dev.warden.agent.lambda;

import dev.warden.agent.engine.Engine;
import dev.warden.agent.engine.EventValues;
import dev.warden.agent.engine.InvocationScope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The handler's entries and exits, as the dispatcher reports them: which calls are invocations,
 * what their event and context are, and the bracket around them (invocation scope for alerts,
 * telemetry, alert summaries and learned policy at the end).
 */
public final class LambdaInvocations {
  /**
   * The runtime client sets this per invocation from the {@code Lambda-Runtime-Trace-Id} header.
   */
  static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

  /** The runtime client's stream adapters around POJO and RequestHandler handlers. */
  static final String RUNTIME_CLIENT_ADAPTERS =
      "com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader$";

  private final HandlerTarget target;
  private final Engine engine;
  private final Map<String, String> environment;
  private final ContextReader contexts = new ContextReader();
  private final ThreadLocal<int[]> depth =
      new ThreadLocal<>() {
        @Override
        protected int[] initialValue() {
          return new int[1];
        }
      };

  /**
   * The Context the runtime client made for the invocation it runs next on this thread, in a slot
   * of the thread's own: set and cleared per invocation without a new thread-local entry each time.
   */
  private final ThreadLocal<Object[]> runtimeContext =
      new ThreadLocal<>() {
        @Override
        protected Object[] initialValue() {
          return new Object[1];
        }
      };

  private volatile InvocationObserver observer = InvocationObserver.NONE;

  /**
   * Set once the runtime client is seen asking for its next event, which it does after posting each
   * response and before Lambda may freeze the environment: from then on an invocation's spans are
   * finished and exported after its response, not before.
   */
  private volatile boolean nextEventRequestsSeen;

  /** Registering with the Extensions API, which must be done before the init ends; or null. */
  private volatile ShutdownSignalExtension extension;

  /** Longest the end of the init waits for the extension's registration. */
  static final long REGISTRATION_WAIT_MILLIS = 1_000;

  public LambdaInvocations(HandlerTarget target, Engine engine, Map<String, String> environment) {
    this.target = target;
    this.engine = engine;
    this.environment = environment;
  }

  /** Installs the telemetry pipeline once it is ready (it starts off the critical path). */
  public void observer(InvocationObserver observer) {
    this.observer = observer;
  }

  /** The init (the runtime's first request for an event) waits for this registration. */
  public void initEndsAfter(ShutdownSignalExtension extension) {
    this.extension = extension;
  }

  public HandlerTarget target() {
    return target;
  }

  /** The runtime client created the Context of the next invocation on this thread. */
  public void runtimeContextCreated(Object context) {
    runtimeContext.get()[0] = context;
  }

  /** A handler call began; returns the token for {@link #exited}, or null if not an invocation. */
  public Object entered(Object handler, Object[] arguments) {
    int[] nesting = depth.get();
    if (nesting[0] > 0 || (handler != null && !isHandler(handler.getClass()))) {
      // A nested call, or a base-class method that other classes share: not an invocation.
      nesting[0]++;
      return NESTED;
    }
    byte[] eventJson = null;
    Object event = null;
    Object context = null;
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      if (contexts.isContext(argument)) {
        context = argument;
      } else if (i == 0 && argument instanceof InputStream) {
        eventJson = readFully((InputStream) argument);
        if (eventJson != null) {
          // The handler gets a stream over the same bytes: the event is seen, not consumed.
          arguments[0] = new ByteArrayInputStream(eventJson);
        }
      } else if (i == 0) {
        event = argument;
      }
    }
    Object[] made = runtimeContext.get();
    if (context == null) {
      // A POJO handler without a Context parameter: the runtime client made one all the same.
      context = made[0];
    }
    made[0] = null;
    String traceHeader = System.getProperty(TRACE_HEADER_PROPERTY);
    if (traceHeader == null) {
      traceHeader = environment.get("_X_AMZN_TRACE_ID");
    }
    InvocationFacts facts = contexts.read(context, traceHeader);
    InvocationScope.begin(facts.requestId());
    int eventSize = eventJson != null ? eventJson.length : 0;
    // A raw event is never parsed here: its text is scanned once a sink needs its values, and the
    // telemetry classifies the trigger after the response, from the same bytes.
    engine.invocationEvent(
        eventJson != null ? EventValues.deferred(eventJson) : eventValues(event));
    Object begun = null;
    try {
      begun = observer.begin(eventJson, event, eventSize, facts);
    } catch (RuntimeException telemetryFailed) {
      engine.internalError(telemetryFailed);
    }
    nesting[0]++;
    return new Invocation(facts.requestId(), begun);
  }

  public void exited(Object token, Throwable thrown) {
    int[] nesting = depth.get();
    nesting[0] = Math.max(0, nesting[0] - 1);
    if (!(token instanceof Invocation)) {
      return;
    }
    Invocation invocation = (Invocation) token;
    try {
      observer.end(invocation.begun, thrown, nextEventRequestsSeen);
    } catch (RuntimeException telemetryFailed) {
      engine.internalError(telemetryFailed);
    } finally {
      engine.invocationEvent(EventValues.NONE);
      engine.invocationEnded(invocation.requestId);
      InvocationScope.end();
    }
  }

  /**
   * The runtime client posted the last response (or ended its init) and asks for the next event:
   * what the ended invocations left for telemetry is finished now, and the environment may freeze
   * once this returns.
   */
  public void runtimeAwaitsNextEvent() {
    ShutdownSignalExtension registering = extension;
    if (registering != null) {
      extension = null;
      registering.awaitRegistration(REGISTRATION_WAIT_MILLIS);
    }
    nextEventRequestsSeen = true;
    try {
      observer.settle();
    } catch (RuntimeException telemetryFailed) {
      engine.internalError(telemetryFailed);
    }
  }

  /** The event's string values that could steer a sink. */
  private static EventValues eventValues(Object event) {
    try {
      return EventValues.of(event);
    } catch (RuntimeException | StackOverflowError unreadable) {
      return EventValues.NONE;
    }
  }

  private boolean isHandler(Class<?> type) {
    return type.getName().equals(target.className())
        || type.getName().startsWith(RUNTIME_CLIENT_ADAPTERS);
  }

  private static byte[] readFully(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException unreadable) {
      return null;
    }
  }

  private static final Object NESTED = new Object();

  private static final class Invocation {
    final String requestId;
    final Object begun;

    Invocation(String requestId, Object begun) {
      this.requestId = requestId;
      this.begun = begun;
    }
  }
}
