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
  private final Map<Class<?>, Getters> gettersOf = new ConcurrentHashMap<>();

  /** The interface's getters Warden reads, looked up once per interface; a missing one is null. */
  private record Getters(Method requestId, Method functionArn) {
    static Getters of(Class<?> type) {
      return new Getters(find(type, "getAwsRequestId"), find(type, "getInvokedFunctionArn"));
    }

    private static Method find(Class<?> type, String name) {
      Method getter;
      try {
        getter = type.getMethod(name);
      } catch (NoSuchMethodException | RuntimeException missing) {
        return null;
      }
      try {
        // Spares each call the caller-sensitive access check, a stack walk until compiled.
        getter.setAccessible(true);
      } catch (RuntimeException stillCallable) {
        // a public method of a public interface: callable all the same
      }
      return getter;
    }
  }

  /** The Lambda Context interface if {@code value} implements it, else null. */
  Class<?> contextInterface(Object value) {
    if (value == null) {
      return null;
    }
    Class<?> type = value.getClass();
    Class<?> found = contextInterfaceOf.get(type);
    if (found == null) {
      found = findContextInterface(type);
      Class<?> foundFirst = contextInterfaceOf.putIfAbsent(type, found);
      if (foundFirst != null) {
        found = foundFirst;
      }
    }
    return found == Void.class ? null : found;
  }

  boolean isContext(Object value) {
    return contextInterface(value) != null;
  }

  InvocationFacts read(Object context, String traceHeader) {
    Class<?> type = contextInterface(context);
    if (type == null) {
      return new InvocationFacts(null, null, traceHeader);
    }
    Getters getters = gettersOf.get(type);
    if (getters == null) {
      getters = Getters.of(type);
      Getters foundFirst = gettersOf.putIfAbsent(type, getters);
      if (foundFirst != null) {
        getters = foundFirst;
      }
    }
    return new InvocationFacts(
        call(getters.requestId(), context) instanceof String requestId ? requestId : null,
        call(getters.functionArn(), context) instanceof String arn ? arn : null,
        traceHeader);
  }

  private static Object call(Method getter, Object target) {
    if (getter == null) {
      return null;
    }
    try {
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
