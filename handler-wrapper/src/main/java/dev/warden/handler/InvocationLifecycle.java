package dev.warden.handler;

import dev.warden.handler.event.EventClassifier;
import dev.warden.handler.event.MiniJson;
import dev.warden.handler.event.Trigger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The invocation lifecycle: {@link #begin} at handler entry opens the invocation span, {@link #end}
 * at exit closes it and waits for its export before returning, because Lambda may freeze the
 * environment once the response is posted. A caller that sees the runtime ask for its next event
 * (the agent does; Lambda freezes only after that request) ends the invocation after the response
 * instead, with {@link #endWithoutWaiting}, and waits before that request goes out: the export then
 * costs the caller of the function nothing.
 *
 * <p>An invocation that raised an alert is exported at its end, with everything that waits. One
 * without alerts, if sampled, joins a batch exported at most once every {@code
 * OTEL_BSP_SCHEDULE_DELAY} (see {@link WardenTelemetry#awaitExports()}): most such invocations wait
 * for no export at all.
 *
 * <p>The span follows the OpenTelemetry FaaS and AWS Lambda semantic conventions: {@code
 * faas.invocation_id}, {@code faas.trigger}, {@code faas.coldstart}, {@code cloud.provider}, {@code
 * cloud.region}, {@code cloud.resource_id} and {@code cloud.account.id} from the invoked ARN, plus
 * the HTTP, messaging or datasource attributes of its trigger (see {@link EventClassifier}). Its
 * parent is the X-Ray trace context Lambda gives the invocation (see {@link XRayTraceHeader}).
 *
 * <p>Neither method ever throws: telemetry must not break the function.
 */
public final class InvocationLifecycle {
  /** The system property the runtime client sets to each invocation's trace header. */
  public static final String XRAY_TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

  static final AttributeKey<String> FAAS_INVOCATION_ID =
      AttributeKey.stringKey("faas.invocation_id");
  static final AttributeKey<String> FAAS_TRIGGER = AttributeKey.stringKey("faas.trigger");
  static final AttributeKey<Boolean> FAAS_COLDSTART = AttributeKey.booleanKey("faas.coldstart");
  static final AttributeKey<String> CLOUD_PROVIDER = AttributeKey.stringKey("cloud.provider");
  static final AttributeKey<String> CLOUD_REGION = AttributeKey.stringKey("cloud.region");
  static final AttributeKey<String> CLOUD_RESOURCE_ID = AttributeKey.stringKey("cloud.resource_id");
  static final AttributeKey<String> CLOUD_ACCOUNT_ID = AttributeKey.stringKey("cloud.account.id");
  static final AttributeKey<String> AWS_LAMBDA_INVOKED_ARN =
      AttributeKey.stringKey("aws.lambda.invoked_arn");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> WARDEN_ALERT_COUNT = AttributeKey.longKey("warden.alert_count");

  private final WardenTelemetry telemetry;
  private final AtomicBoolean coldStart = new AtomicBoolean(true);
  private volatile int restoresSeen;

  public InvocationLifecycle(WardenTelemetry telemetry) {
    this.telemetry = telemetry;
    this.restoresSeen = telemetry.restores();
  }

  /** The telemetry this lifecycle reports through. */
  public WardenTelemetry telemetry() {
    return telemetry;
  }

  /**
   * Opens the invocation span, parented on the trace header in the {@value
   * #XRAY_TRACE_HEADER_PROPERTY} system property, else {@code _X_AMZN_TRACE_ID} of the environment.
   *
   * @param eventJson the raw event as received, or null (then {@code event} is classified)
   * @param event the deserialised event (a POJO of aws-lambda-java-events, a Map...), or null
   * @param lambdaContext the handler's context, or null
   */
  public Invocation begin(
      byte[] eventJson, Object event, com.amazonaws.services.lambda.runtime.Context lambdaContext) {
    String header = null;
    try {
      header = System.getProperty(XRAY_TRACE_HEADER_PROPERTY);
    } catch (SecurityException ignored) {
      // fall back to the environment
    }
    if (header == null || header.isBlank()) {
      header = telemetry.config().value("_X_AMZN_TRACE_ID");
    }
    return begin(eventJson, event, lambdaContext, header);
  }

  /**
   * As {@link #begin(byte[], Object, com.amazonaws.services.lambda.runtime.Context)}, with the
   * X-Ray trace header given.
   */
  public Invocation begin(
      byte[] eventJson,
      Object event,
      com.amazonaws.services.lambda.runtime.Context lambdaContext,
      String xrayTraceHeader) {
    return begin(eventJson, event, InvocationRequest.of(lambdaContext, xrayTraceHeader));
  }

  /**
   * Opens the invocation span from plain values (what the agent uses: it reads the Context
   * reflectively). A null trace header in {@code request} means none.
   */
  public Invocation begin(byte[] eventJson, Object event, InvocationRequest request) {
    return begin(eventJson, event, request, 0);
  }

  /**
   * As {@link #begin(byte[], Object, InvocationRequest)}, for an invocation that began earlier, at
   * {@code startNanoTime} ({@link System#nanoTime()}): the span starts at that instant. The agent
   * opens an invocation's span only once it is needed: at its first alert, else after its response.
   */
  public Invocation beganAt(
      byte[] eventJson, Object event, InvocationRequest request, long startNanoTime) {
    return begin(eventJson, event, request, epochNanos(startNanoTime));
  }

  private Invocation begin(
      byte[] eventJson, Object event, InvocationRequest request, long startEpochNanos) {
    try {
      return start(eventJson, event, request, startEpochNanos);
    } catch (RuntimeException | LinkageError e) {
      telemetry.warnings().accept("invocation span not started: " + e);
      Span span = Span.getInvalid();
      return new Invocation(
          request == null ? null : request.requestId(),
          span,
          Context.root().with(span),
          EventClassifier.classify(null, null),
          false,
          new AlertAwareSpanProcessor.InvocationBuffer(span.getSpanContext().getTraceId()));
    }
  }

  private Invocation start(
      byte[] eventJson, Object event, InvocationRequest request, long startEpochNanos) {
    String xrayTraceHeader = request == null ? null : request.xrayTraceHeader();
    Trigger trigger = EventClassifier.classify(MiniJson.parseOrNull(eventJson), event);
    Context parent = xrayParent(xrayTraceHeader);
    TelemetryConfig config = telemetry.config();

    int restores = telemetry.restores();
    if (restores != restoresSeen) {
      // the first invocation of a restored SnapStart copy is a cold start of that copy
      restoresSeen = restores;
      coldStart.set(true);
    }
    boolean cold = coldStart.getAndSet(false);

    String functionName = request == null ? null : request.functionName();
    if (functionName == null) {
      functionName = config.value("AWS_LAMBDA_FUNCTION_NAME");
    }
    String name = trigger.spanName() != null ? trigger.spanName() : functionName;
    SpanBuilder builder =
        telemetry
            .tracer()
            .spanBuilder(name != null ? name : "lambda")
            .setParent(parent)
            .setSpanKind(trigger.spanKind())
            .setAttribute(FAAS_TRIGGER, trigger.faasTrigger())
            .setAttribute(FAAS_COLDSTART, cold)
            .setAttribute(CLOUD_PROVIDER, "aws");
    String requestId = request == null ? null : request.requestId();
    if (requestId != null) {
      builder.setAttribute(FAAS_INVOCATION_ID, requestId);
    }
    String region = config.value("AWS_REGION");
    if (region != null) {
      builder.setAttribute(CLOUD_REGION, region);
    }
    String arn = request == null ? null : request.invokedFunctionArn();
    if (arn != null && !arn.isEmpty()) {
      builder.setAttribute(CLOUD_RESOURCE_ID, arn);
      builder.setAttribute(AWS_LAMBDA_INVOKED_ARN, arn);
      String[] parts = arn.split(":", 6);
      if (parts.length > 4 && !parts[4].isEmpty()) {
        builder.setAttribute(CLOUD_ACCOUNT_ID, parts[4]);
      }
    }
    builder.setAllAttributes(trigger.attributes());
    if (startEpochNanos != 0) {
      builder.setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS);
    }
    Span span = builder.startSpan();
    AlertAwareSpanProcessor.InvocationBuffer buffer =
        telemetry.processor().open(span.getSpanContext().getTraceId());
    return new Invocation(requestId, span, parent.with(span), trigger, cold, buffer);
  }

  /**
   * Ends the invocation span (error status, {@code error.type} and an exception event if {@code
   * error} is not null), exports its spans if it raised an alert, batches them if it was sampled
   * (see the class comment), and waits for the exports started so far at most {@link
   * WardenTelemetry#flushTimeout()}. Never throws; a second call does nothing.
   */
  public void end(Invocation invocation, Throwable error) {
    CompletableResultCode exported = finish(invocation, error, 0);
    if (exported != null) {
      telemetry.await(exported);
    }
  }

  /**
   * As {@link #end}, for a handler that returned earlier, at {@code endNanoTime} ({@link
   * System#nanoTime()}): the span ends at that instant, and its export is started but not waited
   * for. The caller must {@link WardenTelemetry#awaitExports()} before the environment may freeze.
   * The Lambda runtime freezes it only once the runtime client asks for the next event, after
   * posting the response: finishing the invocation in between keeps the export off the response
   * time.
   */
  public void endWithoutWaiting(Invocation invocation, Throwable error, long endNanoTime) {
    finish(invocation, error, epochNanos(endNanoTime));
  }

  /** The wall-clock time, as the SDK reads it, of an earlier {@link System#nanoTime()} reading. */
  private static long epochNanos(long nanoTime) {
    return Clock.getDefault().now() - Math.max(0, System.nanoTime() - nanoTime);
  }

  /** Ends the span (at {@code endEpochNanos}, or now if 0); returns its export, or null. */
  private CompletableResultCode finish(Invocation invocation, Throwable error, long endEpochNanos) {
    if (invocation == null || !invocation.markEnded()) {
      return null;
    }
    try {
      Span span = invocation.span();
      if (error != null) {
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        span.setAttribute(ERROR_TYPE, error.getClass().getName());
        span.recordException(error, Attributes.empty());
      }
      if (invocation.markedAlerts() > 0) {
        span.setAttribute(WARDEN_ALERT_COUNT, (long) invocation.markedAlerts());
      }
      if (endEpochNanos == 0) {
        span.end();
      } else {
        span.end(endEpochNanos, TimeUnit.NANOSECONDS);
      }
      if (!span.getSpanContext().isValid()) {
        return null;
      }
      return telemetry.processor().close(invocation.buffer(), span.getSpanContext().isSampled());
    } catch (RuntimeException | LinkageError e) {
      telemetry.warnings().accept("invocation span not ended cleanly: " + e);
      return null;
    }
  }

  /** An API Gateway event: its classification loads the classes most triggers share. */
  private static final byte[] REHEARSAL_EVENT =
      ("{\"resource\":\"/rehearsal/{id}\",\"path\":\"/rehearsal/1\",\"httpMethod\":\"GET\","
              + "\"headers\":{\"Host\":\"rehearsal.invalid\"},\"queryStringParameters\":null,"
              + "\"requestContext\":{\"requestId\":\"rehearsal\",\"stage\":\"prod\"},"
              + "\"body\":null,\"isBase64Encoded\":false}")
          .getBytes(StandardCharsets.UTF_8);

  /**
   * Runs one invocation, with an alert span, through throwaway telemetry that encodes the spans as
   * the exporter would and sends nothing. Called on a background thread during init, so that the
   * first real invocation does not pay for loading the span, classification and encoding classes
   * (cold code runs interpreted and loads hundreds of classes). Never throws.
   */
  public void rehearse() {
    try (WardenTelemetry rehearsal = telemetry.rehearsal()) {
      InvocationLifecycle lifecycle = new InvocationLifecycle(rehearsal);
      Invocation invocation =
          lifecycle.begin(
              REHEARSAL_EVENT,
              null,
              new InvocationRequest(
                  "rehearsal",
                  null,
                  "arn:aws:lambda:us-east-1:000000000000:function:rehearsal",
                  "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
      rehearsal
          .tracer()
          .spanBuilder("warden rehearsal")
          .setParent(invocation.context())
          .setAttribute(WARDEN_ALERT_COUNT, 1L)
          .startSpan()
          .end();
      invocation.markAlert();
      lifecycle.end(invocation, null);
    } catch (RuntimeException | LinkageError ignored) {
      // Only a warm-up: the real invocation reports its own failures.
    }
  }

  /** The remote parent from an X-Ray header, or the root context when there is none. */
  static Context xrayParent(String header) {
    return XRayTraceHeader.extract(Context.root(), header);
  }
}
