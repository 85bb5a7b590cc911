package dev.warden.agent.lambda;

/** Told about each invocation of the handler: the telemetry pipeline's seam. */
public interface InvocationObserver {
  InvocationObserver NONE =
      new InvocationObserver() {
        @Override
        public Object begin(byte[] eventJson, Object event, int eventSize, InvocationFacts facts) {
          return null;
        }

        @Override
        public void end(Object begun, Throwable thrown, boolean settleLater) {}

        @Override
        public void settle() {}
      };

  /**
   * @param eventJson the raw event when the handler takes a stream, else null
   * @param event the deserialised event object when the handler takes one, else null
   * @param eventSize the raw event's size in bytes, 0 if unknown
   * @return a handle passed back to {@link #end}
   */
  Object begin(byte[] eventJson, Object event, int eventSize, InvocationFacts facts);

  /**
   * The handler returned or threw. With {@code settleLater} false, returns only once what the
   * invocation produced is exported or safely bounded; with it true, as soon as possible, and
   * {@link #settle} is sure to be called before the environment may freeze.
   */
  void end(Object begun, Throwable thrown, boolean settleLater);

  /**
   * Lambda may freeze the environment next: finish what ended invocations left, and return only
   * once it is exported or safely bounded.
   */
  void settle();
}
