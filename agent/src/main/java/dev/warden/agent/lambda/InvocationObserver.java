package dev.warden.agent.lambda;

/** Told about each invocation of the handler: the telemetry pipeline's seam. */
public interface InvocationObserver {
  InvocationObserver NONE =
      new InvocationObserver() {
        @Override
        public Object begin(byte[] eventJson, Object event, InvocationFacts facts) {
          return null;
        }

        @Override
        public void end(Object begun, Throwable thrown) {}
      };

  /**
   * @param eventJson the raw event when the handler takes a stream, else null
   * @param event the deserialised event object when the handler takes one, else null
   * @return a handle passed back to {@link #end}
   */
  Object begin(byte[] eventJson, Object event, InvocationFacts facts);

  /** Must return only once what the invocation produced is exported or safely bounded. */
  void end(Object begun, Throwable thrown);
}
