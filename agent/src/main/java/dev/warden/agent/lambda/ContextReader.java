package dev.warden.agent.lambda;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a Lambda {@code Context} through its public interface by reflection: the type belongs to
 * the function's class loader, which the agent's code cannot link against.
 */
final class ContextReader {
  static final String CONTEXT_INTERFACE = "com.amazonaws.services.lambda.runtime.Context";

  private final Map<Class<?>, Class<?>> contextInterfaceOf = new ConcurrentHashMap<>();

  /** The Lambda Context interface if {@code value} implements it, else null. */
  Class<?> contextInterface(Object value) {
    if (value == null) {
      return null;
    }
    Class<?> found =
        contextInterfaceOf.computeIfAbsent(value.getClass(), ContextReader::findContextInterface);
    return found == Void.class ? null : found;
  }

  boolean isContext(Object value) {
    return contextInterface(value) != null;
  }

  InvocationFacts read(Object context, String traceHeader) {
    Class<?> type = contextInterface(context);
    if (type == null) {
      return new InvocationFacts(null, null, -1, traceHeader);
    }
    return new InvocationFacts(
        (String) call(type, context, "getAwsRequestId"),
        (String) call(type, context, "getInvokedFunctionArn"),
        call(type, context, "getRemainingTimeInMillis") instanceof Integer remaining
            ? remaining
            : -1,
        traceHeader);
  }

  private static Object call(Class<?> type, Object target, String method) {
    try {
      Method getter = type.getMethod(method);
      return getter.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      return null;
    }
  }

  private static Class<?> findContextInterface(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      for (Class<?> implemented : current.getInterfaces()) {
        if (implemented.getName().equals(CONTEXT_INTERFACE)) {
          return implemented;
        }
        Class<?> inherited = findContextInterface(implemented);
        if (inherited != Void.class) {
          return inherited;
        }
      }
    }
    return Void.class;
  }
}
