package dev.warden.benchmarks.coldstart;

/** The benign sample functions the bench can launch, with the event each gets. */
enum SampleFunction {
  /**
   * The default: an API Gateway proxy event (the most common Lambda trigger, which Warden inspects
   * field by field) and one outbound HTTP call to the partner API per invocation, so both agents'
   * network and HTTP-client instrumentation do their real per-invocation work.
   */
  QUOTE_API(
      "quote-api",
      "dev.warden.samples.benign.QuoteApiHandler",
      "quote-api/normal.json",
      "\"statusCode\":200"),
  /**
   * The trivial handler of the reference figures: a typed RequestHandler that does nothing
   * with {"action":"none"}; shows the agents' floor.
   */
  TYPED("typed", "dev.warden.samples.forms.TypedHandler", null, "typed: nothing to do");

  final String id;
  final String handler;

  /** Under sample-functions/src/main/resources/events/, or null for {@link #INLINE_EVENT}. */
  final String eventResource;

  /** Text that a successful response of this function always contains. */
  final String expectedInResponse;

  static final String INLINE_EVENT = "{\"action\":\"none\"}";

  SampleFunction(String id, String handler, String eventResource, String expectedInResponse) {
    this.id = id;
    this.handler = handler;
    this.eventResource = eventResource;
    this.expectedInResponse = expectedInResponse;
  }

  static SampleFunction byId(String id) {
    for (SampleFunction function : values()) {
      if (function.id.equals(id)) {
        return function;
      }
    }
    throw new IllegalArgumentException("unknown function '" + id + "': quote-api or typed");
  }
}
